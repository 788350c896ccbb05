/**
 * The data layer: readers for football-data.co.uk league CSVs and the international results file,
 * the loader for a whole {@code <Div>/<season>.csv} tree and the lookup of where the data lives.
 * Everything here turns files into the {@link com.sabiscore.match} domain records; nothing
 * downstream reads CSV itself. Downloading it is {@link com.sabiscore.data.download}'s job.
 */
package com.sabiscore.data;
