// the tabular family's first recipe lives with the family; the studio's stores read it from here
export { defaultSetup, guessTaskKind, usableAsFeature, type Setup } from '../ml/models/tabular/defaults';
