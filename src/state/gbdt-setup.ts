// the GBDT family's first recipe lives with the family; the studio's stores read it from here
export { defaultGbdtSetup, gbdtSetupProblems, gradeOrder, labelOrder, type GbdtSetup } from '../ml/models/gbdt/defaults';
