/** Custom search attributes registered on dev servers (no names or emails: ids and enums only). */
export const SEARCH_ATTRIBUTES = {} as Record<string, 'Keyword'>;
export const SEARCH_ATTRIBUTE_FLAGS = Object.entries(SEARCH_ATTRIBUTES).flatMap(([name, type]) => [
  '--search-attribute',
  `${name}=${type}`,
]);
