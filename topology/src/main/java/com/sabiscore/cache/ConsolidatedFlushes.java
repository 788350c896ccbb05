package com.sabiscore.cache;

import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import io.netty.handler.flush.FlushConsolidationHandler;

/**
 * Sends the Redis commands written in one pass of a connection's event loop in one socket write:
 * lettuce flushes after every command, and on a loaded two-core machine each write and each
 * reply is a system call for this JVM and for Redis (a POST miss cost Redis ~68 µs of CPU for two
 * commands that Redis itself executes in ~7 µs). A flush waits at most until the end of the
 * current pass; none is lost.
 */
public final class ConsolidatedFlushes implements NettyCustomizer {

    @Override
    public void afterChannelInitialized(Channel channel) {
        // first in the pipeline, so every handler's flush goes through it; one instance per channel (it is not sharable)
        channel.pipeline().addFirst(new FlushConsolidationHandler(
                FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
    }
}
