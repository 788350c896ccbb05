package com.sabiscore.cache;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.push.PushMessage;

/**
 * Told about a {@link RedisConnection}'s server sessions: lettuce reconnects on its own, and
 * what a session set up on the server (client tracking, say) is gone with it.
 */
public interface RedisSessionListener {

    /** The connection reached the server, first or again; called on lettuce's I/O thread. */
    void sessionStarted(StatefulRedisConnection<String, String> connection);

    /** The connection to the server was lost; lettuce is reconnecting. */
    void sessionEnded();

    /** A RESP3 push message arrived (for instance a client-tracking invalidation). */
    void pushed(PushMessage message);
}
