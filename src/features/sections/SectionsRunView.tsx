import type { SectionsRunRecord } from '../../db/records';
import { sklearnDfText } from '../../ml/text/tfidf';
import type { RunViewProps } from '../families/contract';
import { ResumeCheckpoint } from '../runs/ResumeCheckpoint';
import { RunShell } from '../runs/RunShell';
import { useSections } from '../../state/sections-store';
import { EngineLine } from '../train/EngineLine';
import { LossCharts } from '../train/LossCharts';
import { SectionsExport } from './SectionsExport';
import { SectionsReport } from './SectionsReport';
import { TryPosting } from './TryPosting';
import { useSectionsArtifacts } from './use-sections-artifacts';

/** A stored section-classifier run, as it was when it finished (also after a reload). */
export function SectionsRunView(p: RunViewProps<SectionsRunRecord>) {
  const { run, epochs, steps } = p;
  const { model, result } = useSectionsArtifacts(run.id, run.status);
  const c = run.config;
  const m = c.model;
  const tf = c.tfidf;
  return (
    <RunShell
      {...p}
      epochsStored={epochs.length}
      unit="sections"
      facts={[
        ['Columns', `text ${c.columns.text} · label ${c.columns.label}${run.featureNames ? ` (${run.featureNames.join(', ')})` : ''}`],
        ['Model', `${m.kind === 'mlp' ? `MLP ${m.hidden.join('×')} ${m.activation}` : 'multinomial logistic regression'} · Adam lr ${m.learningRate} · L2 ${m.l2} · batch ${m.batchSize}${m.calibrate ? ' · temperature-calibrated' : ''}`],
        ['TF-IDF', `n-grams (${tf.ngramRange.join(', ')}) · ${sklearnDfText(tf).minDf} · ${sklearnDfText(tf).maxDf} · max_features ${tf.maxFeatures ?? 'all'} · stop words ${tf.stopWords ?? 'none'}${tf.sublinearTf ? ' · sublinear tf' : ''}`],
        ['Split', `stratified, seed ${c.split.seed}: ${Math.round(c.split.validationFraction * 100)}% validation, ${Math.round(c.split.testFraction * 100)}% test`],
        ['Floor', `${c.floor} (under it, or under 70% held-out accuracy: use the whole text)`],
      ]}
    >
      <EngineLine engine={run.engine} epochs={epochs} unit="sections" />
      <ResumeCheckpoint run={run} live={useSections} alerts />
      <LossCharts epochs={epochs} steps={steps} />
      {model && result ? (
        <>
          <SectionsReport result={result} model={model} />
          <TryPosting model={model} />
          <SectionsExport run={run} />
        </>
      ) : (
        run.status !== 'running' && <p className="muted">No stored result (the run did not finish).</p>
      )}
    </RunShell>
  );
}
