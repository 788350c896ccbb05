/**
 * The data layer: readers for football-data.co.uk league CSVs and the international results file,
 * the loader for a whole {@code <Div>/<season>.csv} tree, the lookup of where the data lives and the
 * {@code download} command that fetches league files. Everything here turns files into the
 * {@link com.sabiscore.match} domain records; nothing downstream reads CSV itself.
 */
package com.sabiscore.data;
