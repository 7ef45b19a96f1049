/**
 * Standardized variant attributes (size, colour, material, flavour, capacity, weight, dimensions):
 * header and value synonyms in Simplified Chinese, Traditional Chinese and English mapped onto
 * canonical attributes and values, with orders, unit conversions and user extensions from config.
 */
export {
  ATTRIBUTE_NAME_ALIASES,
  type AttributeExtension,
  type AttributesConfig,
  attributesConfigSchema,
  BUILT_IN_ATTRIBUTES,
} from "./config.js";
export { type AttributeDictionary, createAttributeDictionary, type LabelLanguage, type StandardizeResult } from "./dictionary.js";
export { type SizeFamily, sizeFamily } from "./size.js";
export { readSpec, type SizeReader } from "./spec.js";
export { parseWeightGrams } from "./units.js";
