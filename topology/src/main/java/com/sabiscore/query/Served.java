package com.sabiscore.query;

/**
 * A value read from a state store, with where it came from.
 *
 * @param servedBy the instance ({@code host:port}, its {@code application.server}) whose store held it
 * @param stale    read from a standby copy, or while the instance was not RUNNING (restoring or
 *                 rebalancing): possibly behind the latest write
 */
public record Served<V>(V value, String servedBy, boolean stale) {
}
