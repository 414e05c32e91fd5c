import { expect, test } from './fixtures/test';
import { SkillsPage } from './fixtures/skills-page';
import { StudioPage } from './fixtures/studio-page';

const DICT_YAML = `name: e2e skills
skills:
  - name: scikit-learn
    aliases: [sklearn]
    category: datascience
  - name: Kubernetes
    aliases: [k8s]
  - name: SQL
  - name: machine learning
    aliases: [ML]
`;

// gold: row 1 all found (alias, exact, fuzzy); row 2 misses Kubernetes until "kube" is added as an alias
const CSV = `id,posting,gold
1,"We use sklearn and SQL daily; Kubrenetes is a plus.","[""scikit-learn"", ""SQL"", ""Kubernetes""]"
2,"Machine-learning with ML tooling on kube.","[""machine learning"", ""Kubernetes""]"
3,"Friendly team, flexible hours.","[]"
`;

test('imports a YAML dictionary, extracts skills with highlighted alias hits and metrics; the dictionary and the runs survive a reload', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open('?backend=cpu');
  await studio.dropText('postings.csv', CSV);
  await studio.expectDataset('postings.csv', 3);

  const skills = new SkillsPage(page);
  await skills.open();
  await skills.importDictionary('e2e-skills.yaml', DICT_YAML);
  await expect(skills.dictionary).toHaveAttribute('data-count', '1');
  await expect(skills.dictionary.getByTestId('skill-row')).toHaveCount(4);
  await expect(skills.skill('scikit-learn').getByTestId('alias-chip')).toHaveText(['sklearn ×']);
  const version = await skills.dictionary.getByTestId('dict-version').getAttribute('data-version');
  expect(version).toMatch(/^sd1-[0-9a-f]{14}$/);

  // a malformed file is refused with its line, and nothing is added
  await skills.importDictionary('bad.yaml', 'skills:\n  - name: SQL\n  - aliases: [x]\n');
  await expect(page.getByTestId('skills-error')).toContainText('bad.yaml: skills[1] (line 3): name must be a non-empty string');
  await expect(skills.dictionary).toHaveAttribute('data-count', '1');

  await skills.run({ column: 'posting', gold: 'gold' });
  await expect(skills.extraction).toHaveAttribute('data-total', '3');
  // row 1: the alias hit is highlighted and its tooltip says why
  const alias = skills.marks().and(page.locator('[data-skill="scikit-learn"]'));
  await expect(alias).toHaveText('sklearn');
  await expect(alias).toHaveAttribute('data-strategies', /alias/);
  await expect(alias).toHaveAttribute('title', 'scikit-learn · alias + normalized · confidence 0.95 · matched "sklearn"');
  await expect(skills.marks().and(page.locator('[data-skill="Kubernetes"]'))).toHaveAttribute('title', /fuzzy · confidence 0\.80 · matched "Kubernetes" \(1 edit\)/);
  await expect(skills.marks()).toHaveCount(3);

  // 4 of 5 gold skills found, no false hit
  expect(await skills.metric('precision_micro')).toBe(1);
  expect(await skills.metric('recall_micro')).toBeCloseTo(0.8, 10);
  expect(await skills.metric('f1_samples')).toBeCloseTo((1 + 2 / 3 + 0) / 3, 10);
  await expect(skills.extraction.getByTestId('skill-label-row')).toHaveCount(4);
  await skills.goToRow(2);
  await expect(skills.extraction.getByTestId('doc-misses')).toHaveText('missed: Kubernetes');
  await expect(skills.extraction.getByTestId('doc-false-hits')).toHaveText('false hits: none');
  // the run is stored and listed with its dictionary name@version and micro F1
  await expect(skills.runRows()).toHaveCount(1);
  await expect(skills.runRows().getByTestId('skill-run-dictionary')).toHaveText(`e2e skills@${version}`);
  expect(Number(await skills.runRows().getByTestId('skill-run-f1').getAttribute('data-value'))).toBeCloseTo(8 / 9, 10);

  // the edited dictionary gets a new version, and the miss is gone on the next run
  await skills.addAlias('Kubernetes', 'kube');
  await expect(skills.dictionary.getByTestId('dict-version')).not.toHaveAttribute('data-version', version!);
  await skills.run({ column: 'posting', gold: 'gold' });
  expect(await skills.metric('recall_micro')).toBe(1);
  await expect(skills.runRows()).toHaveCount(2);
  await expect(skills.runRows().first().getByTestId('skill-run-f1')).toHaveAttribute('data-value', '1');

  // a removed alias comes back with Undo
  await skills.skill('scikit-learn').getByTestId('alias-remove').click();
  await expect(skills.skill('scikit-learn').getByTestId('alias-chip')).toHaveCount(0);
  await page.getByTestId('skills-undo').click();
  await expect(skills.skill('scikit-learn').getByTestId('alias-chip')).toHaveText(['sklearn ×']);

  await page.reload();
  await page.waitForFunction(() => window.__kilnTest?.ready === true);
  await skills.open();
  await expect(skills.dictionary).toHaveAttribute('data-count', '1');
  await expect(skills.dictionary.getByTestId('skill-row')).toHaveCount(4);
  await expect(skills.skill('Kubernetes').getByTestId('alias-chip')).toHaveText(['k8s ×', 'kube ×']);
  await expect(skills.skill('scikit-learn').getByTestId('alias-chip')).toHaveText(['sklearn ×']);

  // both runs are still listed, newest first; the first one reopens exactly as it was shown after it ran
  await expect(skills.runRows()).toHaveCount(2);
  await expect(skills.runRows().nth(1).getByTestId('skill-run-dictionary')).toHaveText(`e2e skills@${version}`);
  await skills.reopen(1);
  await expect(alias).toHaveText('sklearn');
  await expect(alias).toHaveAttribute('title', 'scikit-learn · alias + normalized · confidence 0.95 · matched "sklearn"');
  await expect(skills.marks()).toHaveCount(3);
  expect(await skills.metric('precision_micro')).toBe(1);
  expect(await skills.metric('recall_micro')).toBeCloseTo(0.8, 10);
  expect(await skills.metric('f1_samples')).toBeCloseTo((1 + 2 / 3 + 0) / 3, 10);
  await skills.goToRow(2);
  await expect(skills.extraction.getByTestId('doc-misses')).toHaveText('missed: Kubernetes');
  // it ran with the dictionary before "kube" was added: the note says so
  await expect(skills.extraction.getByTestId('extract-dictionary-changed')).toContainText(`this run used ${version}`);
  await skills.reopen(0);
  expect(await skills.metric('recall_micro')).toBe(1);
  await expect(skills.extraction.getByTestId('extract-dictionary-changed')).toHaveCount(0);

  // a deleted run comes back with Undo
  await skills.runRows().nth(1).getByTestId('skill-run-delete').click();
  await expect(skills.runRows()).toHaveCount(1);
  await skills.runs.getByTestId('skill-run-undo').click();
  await expect(skills.runRows()).toHaveCount(2);
});
