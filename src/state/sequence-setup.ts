// the sequence family's first recipe lives with the family; the studio's stores read it from here
export { defaultSequenceSetup, guessHistorySource, type SequenceSetup } from '../ml/models/sequence/defaults';
