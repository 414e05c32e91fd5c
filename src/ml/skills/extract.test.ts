import { describe, expect, it } from 'vitest';
import type { SkillDictionary } from './dictionary';
import { compileDictionary, extractSkills, type SkillHit } from './extract';
import { stripPlural, tokenize } from './normalize';

const DICT: SkillDictionary = {
  name: 't',
  skills: [
    { name: 'scikit-learn', aliases: ['sklearn'] },
    { name: 'Kubernetes', aliases: ['k8s'] },
    { name: 'machine learning', aliases: ['ML'] },
    { name: 'product analytics', aliases: [] },
    { name: 'Git', aliases: ['GitHub'] },
    { name: 'CI/CD', aliases: ['GitHub Actions'] },
    { name: 'sourcing', aliases: [] },
    { name: 'LinkedIn Recruiter', aliases: ['LinkedIn sourcing'] },
    { name: 'Go', aliases: ['Golang'] },
    { name: 'C++', aliases: [] },
    { name: 'React', aliases: ['React.js'] },
    { name: 'REST APIs', aliases: [] },
  ],
};
const c = compileDictionary(DICT);
const brief = (hits: SkillHit[]) => hits.flatMap((h) => h.spans.map((s) => `${h.skill}|${s.text}|${s.strategies.join('+')}|${s.confidence}`));

describe('normalization', () => {
  it('strips one plural ending and keeps C++', () => {
    expect(['libraries', 'boxes', 'matches', 'pipelines', 'class', 'status', 'analysis', 'apis', 'ts'].map(stripPlural)).toEqual(['library', 'box', 'match', 'pipeline', 'class', 'status', 'analysis', 'api', 'ts']);
    expect(tokenize('C++, Ｐｙｔｈｏｎ & React.js').map((t) => [t.norm, t.joins])).toEqual([
      ['c++', false],
      ['python', false],
      ['react', true],
      ['js', true],
    ]);
  });
});

describe('extractSkills', () => {
  it('finds exact names case-sensitively at word boundaries, with their spans', () => {
    const text = 'Kubernetes and C++ (not C+++ or kubernetesx); Go.';
    const hits = extractSkills(c, text, ['exact']);
    expect(brief(hits)).toEqual(['Kubernetes|Kubernetes|exact|1', 'C++|C++|exact|1', 'Go|Go|exact|1']);
    expect(text.slice(hits[0].spans[0].start, hits[0].spans[0].end)).toBe('Kubernetes');
    expect(extractSkills(c, 'we go there by GitHub', ['exact'])).toEqual([]);
  });

  it('resolves aliases to their canonical skill', () => {
    expect(brief(extractSkills(c, 'Used sklearn on k8s with ML.'))).toEqual(['scikit-learn|sklearn|alias+normalized|0.95', 'Kubernetes|k8s|alias+normalized|0.95', 'machine learning|ML|alias|0.95']);
  });

  it('normalizes case, punctuation, plurals and token order; short terms stay case-sensitive', () => {
    expect(brief(extractSkills(c, 'SCIKIT LEARN, Learning-Machine and REST API'))).toEqual([
      'scikit-learn|SCIKIT LEARN|normalized|0.9',
      'machine learning|Learning-Machine|normalized|0.9',
      'REST APIs|REST API|normalized|0.9',
    ]);
    // "go" and "ml" in lower case are ordinary words
    expect(extractSkills(c, 'ready to go, ml')).toEqual([]);
  });

  it('never joins tokens across a comma or a sentence end', () => {
    expect(extractSkills(c, 'analytics, product team. Learning. Machine')).toEqual([]);
  });

  it('finds misspellings within the allowed edits, keeping the first letter', () => {
    expect(brief(extractSkills(c, 'Kubrenetes, macine learning, scikitlearn'))).toEqual([
      'Kubernetes|Kubrenetes|fuzzy|0.8',
      'machine learning|macine learning|fuzzy|0.8',
      'scikit-learn|scikitlearn|fuzzy|0.8',
    ]);
    const two = extractSkills(c, 'prodcut analytcs');
    expect(brief(two)).toEqual(['product analytics|prodcut analytcs|fuzzy|0.7']);
    expect(two[0].spans[0].edits).toBe(2);
    // 'reach' is one edit from 'react' but 5-letter words need the same first letter and 'Reach' would be… it is r; 'peact' is not
    expect(extractSkills(c, 'Peact and Kuberneteszz')).toEqual([]);
  });

  it('settles overlaps longest first, whatever the strategies', () => {
    expect(brief(extractSkills(c, 'LinkedIn sourcing and GitHub Actions, GitHub'))).toEqual([
      'LinkedIn Recruiter|LinkedIn sourcing|alias+normalized|0.95',
      'CI/CD|GitHub Actions|alias+normalized|0.95',
      'Git|GitHub|alias+normalized|0.95',
    ]);
    // a fuzzy span that only adds a neighbouring word to a better one is dropped
    expect(brief(extractSkills(c, 'a machine learning'))).toEqual(['machine learning|machine learning|exact+normalized|1']);
  });

  it('groups the spans of one skill under one hit with its best confidence', () => {
    const hits = extractSkills(c, 'kubernetes then Kubernetes');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ skill: 'Kubernetes', strategies: ['exact', 'normalized'], confidence: 1 });
    expect(hits[0].spans.map((s) => s.start)).toEqual([0, 16]);
  });

  it('matches a case-sensitive skill only as written', () => {
    const cs = compileDictionary({ name: 'cs', skills: [{ name: 'React', aliases: ['ReactJS'], caseSensitive: true }, { name: 'Spark', aliases: [] }] });
    expect(brief(extractSkills(cs, 'We react fast with ReactJS; Reakt, spark'))).toEqual(['React|ReactJS|alias|0.95', 'Spark|spark|normalized|0.9']);
  });

  it('does not depend on the order of the dictionary', () => {
    const text = 'LinkedIn sourcing, sklearn, Kubrenetes, GitHub Actions and React.js';
    const reversed = compileDictionary({ ...DICT, skills: [...DICT.skills].reverse() });
    expect(extractSkills(reversed, text)).toEqual(extractSkills(c, text));
  });

  it('leaves out normalized keys two skills share, and says so', () => {
    const amb = compileDictionary({ name: 'a', skills: [{ name: 'data viz', aliases: [] }, { name: 'Viz', aliases: ['Data-Viz'] }] });
    expect(amb.ambiguous).toEqual(['data viz']);
    // "DATA VIZ" is no one's: only its token "viz", the alias of Viz, is matched
    expect(brief(extractSkills(amb, 'data viz, DATA VIZ'))).toEqual(['data viz|data viz|exact|1', 'Viz|VIZ|normalized|0.9']);
  });
});
