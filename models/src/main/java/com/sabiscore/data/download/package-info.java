/**
 * Getting the history onto the machine: where it is downloaded from ({@link com.sabiscore.data.download.DownloadSource}),
 * one file fetched safely ({@link com.sabiscore.data.download.FileDownloader}), a whole download with progress and
 * summary ({@link com.sabiscore.data.download.HistoryDownload}), the folders commands read, downloaded when missing
 * ({@link com.sabiscore.data.download.DataFolders}), their command-line options and the {@code download} command.
 */
package com.sabiscore.data.download;
