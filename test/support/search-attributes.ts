/** Dev-server flags that register the workflow's custom search attributes. */
import { SEARCH_ATTRIBUTES } from '../../workflows/journey/search-attributes';

export const SEARCH_ATTRIBUTE_FLAGS = Object.entries(SEARCH_ATTRIBUTES).flatMap(([name, type]) => [
  '--search-attribute',
  `${name}=${type}`,
]);
