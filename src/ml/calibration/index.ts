/** Public API of the calibration core (pure TypeScript: runs in workers, Node tests and the CLI). */
export { calibrationCurve, ece, mce, probabilityHistogram, reliabilityBins, topLabel, topLabelEce } from './reliability';
export type { CalibrationCurve, ReliabilityBin } from './reliability';
export { fitIsotonic, predictIsotonic } from './isotonic';
export type { IsotonicModel } from './isotonic';
export { applyPlatt, fitPlatt } from './platt';
export type { PlattModel } from './platt';
export { applyTemperature, fitTemperature, temperatureNll, TEMPERATURE_MAX, TEMPERATURE_MIN } from './temperature';
export { softmaxRows } from './softmax';
export { applyCalibrator, CALIBRATOR_FORMAT, CALIBRATOR_VERSION, fitCalibrator, parseCalibrator } from './calibrator';
export type { CalibrationMethod, CalibratorInput, CalibratorJson, FittedOn, PlattInput } from './calibrator';
export { validateCalibrator } from './validate';
