import { useEffect } from 'react';
import { useSkillsExtraction } from '../../state/skills-extraction-store';
import { useSkills } from '../../state/skills-store';
import { DictionaryPanel } from './DictionaryPanel';
import { ExtractionPanel } from './ExtractionPanel';
import { SkillRunsPanel } from './SkillRunsPanel';

/**
 * Skills extraction: keep a dictionary of canonical skills and aliases, run it over a dataset's
 * text column, see why each skill was found and, against a gold column, how well. A tool, not a
 * model family: nothing is trained (src/ml/skills).
 */
export function SkillsScreen() {
  const loaded = useSkills((s) => s.loaded);
  const load = useSkills((s) => s.load);
  const runsLoaded = useSkillsExtraction((s) => s.runsLoaded);
  const loadRuns = useSkillsExtraction((s) => s.loadRuns);
  useEffect(() => {
    void load();
    void loadRuns();
  }, [load, loadRuns]);
  return (
    <div data-testid="skills-screen" data-loaded={loaded && runsLoaded}>
      <DictionaryPanel />
      <SkillRunsPanel />
      <ExtractionPanel />
    </div>
  );
}
