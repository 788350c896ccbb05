package com.sabiscore.cache;

/**
 * One prediction waiting to be written to Redis.
 *
 * @param json           the prediction as the HTTP layer shows it
 * @param receivedMillis when the mirror received it (wall clock), for the lag metric
 */
record MirrorEntry(String fixtureId, long version, String json, long receivedMillis) {
}
