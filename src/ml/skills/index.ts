/**
 * Skills extraction: a dictionary of canonical skills and their aliases, strategies run in sequence
 * (exact, alias, normalized, fuzzy) and its evaluation against labeled skill sets. This is a tool,
 * not a trained model family: nothing is fitted, so it does not implement the family contract
 * (models/family.ts); a run records the dictionary's version (dictionaryVersion) instead of weights.
 */
export * from './dictionary';
export * from './extract';
export * from './evaluate';
export { tokenize, normalizeToken, stripPlural, tokenKey } from './normalize';
export { boundedDamerau, allowedEdits } from './distance';
export { demoSkillDictionary } from './demo-vocab';
export * from './stored-hits';
