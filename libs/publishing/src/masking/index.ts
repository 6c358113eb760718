export { deidentify, type MaskContext, type MaskResult } from './deidentify';
export { MASK_CHARACTER, type MaskKind, type MaskSpan } from './mask-span';
export { foldWidth } from './fold-width';
export { idCheckCharacter, isValidIdNumber, isValidLegacyIdNumber } from './id-number';
export { luhnValid } from './bank-card';
