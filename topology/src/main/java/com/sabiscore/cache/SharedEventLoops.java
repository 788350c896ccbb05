package com.sabiscore.cache;

import io.lettuce.core.resource.EventLoopGroupProvider;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Lends lettuce event loops someone else owns (the HTTP server's), instead of lettuce starting
 * its own: a Redis connection then runs on one of them, so a request read on that loop sends its
 * command and gets its reply without waking another thread. Releasing or shutting down through
 * lettuce leaves the loops running; their owner stops them, after the Redis client.
 */
public final class SharedEventLoops implements EventLoopGroupProvider {

    private final EventLoopGroup loops;
    private final int size;

    /** @param size how many loops {@code loops} has */
    public SharedEventLoops(EventLoopGroup loops, int size) {
        this.loops = loops;
        this.size = size;
    }

    @Override
    public <T extends EventLoopGroup> T allocate(Class<T> type) {
        if (!type.isInstance(loops)) {
            throw new IllegalArgumentException("lettuce asks for a " + type.getName() + ", the shared loops are a "
                    + loops.getClass().getName());
        }
        return type.cast(loops);
    }

    @Override
    public int threadPoolSize() {
        return size;
    }

    @Override
    public Future<Boolean> release(EventExecutorGroup group, long quietPeriod, long timeout, TimeUnit unit) {
        return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
    }

    @Override
    public Future<Boolean> shutdown(long quietPeriod, long timeout, TimeUnit unit) {
        return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
    }
}
