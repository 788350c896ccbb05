package com.sabiscore.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Netty's HTTP/1.1 request decoder with a deadline on each request's arrival: from the first byte
 * of a request to the end of its body at most {@code readTimeout}. A request still incomplete then
 * is reported down the pipeline as a {@link RequestTimedOut} event (the connection handler answers
 * 408 and closes), so a client that announces a body and never sends it, or sends its headers a
 * byte at a time, holds a connection that long at most. Between requests a connection is left to
 * the idle timeout: an {@link IdleStateEvent} is passed on only while no request is arriving.
 *
 * <p>A connection has one timer at most, re-armed from its own expiry rather than per request
 * (Netty's {@code IdleStateHandler} does the same): a request that arrives whole costs a clock
 * read, not a timer set and cancelled.
 */
final class TimedRequestDecoder extends HttpRequestDecoder {

    /** The event fired when a request has not arrived whole within {@code after}. */
    record RequestTimedOut(Duration after) {
    }

    private final Duration readTimeout;
    private final long readTimeoutNanos;
    /** Bytes of a request have arrived and its end has not. */
    private boolean arriving;
    private long arrivalStart;
    private ScheduledFuture<?> expiry;

    TimedRequestDecoder(int maxInitialLineLength, int maxHeaderSize, int maxChunkSize, Duration readTimeout) {
        super(maxInitialLineLength, maxHeaderSize, maxChunkSize);
        this.readTimeout = readTimeout;
        this.readTimeoutNanos = readTimeout.toNanos();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
        if (!arriving && startsRequest(buffer)) {
            arriving = true;
            arrivalStart = System.nanoTime();
            if (expiry == null) {
                expiry = ctx.executor().schedule(() -> expired(ctx), readTimeoutNanos, TimeUnit.NANOSECONDS);
            }
        }
        int before = out.size();
        super.decode(ctx, buffer, out);
        for (int i = before; i < out.size(); i++) {
            if (out.get(i) instanceof LastHttpContent) {
                arriving = false;
            }
        }
    }

    /** Whether the bytes hold more than the line breaks some clients send after a body (the decoder skips those). */
    private static boolean startsRequest(ByteBuf buffer) {
        return buffer.forEachByte(b -> b == '\r' || b == '\n') >= 0;
    }

    private void expired(ChannelHandlerContext ctx) {
        expiry = null;
        if (!arriving || !ctx.channel().isActive()) {
            return;
        }
        if (!ctx.channel().config().isAutoRead()) {
            // the server has stopped reading (earlier answers not yet read by the client): the wait is not the client's
            arrivalStart = System.nanoTime();
        }
        long left = readTimeoutNanos - (System.nanoTime() - arrivalStart);
        if (left > 0) {
            expiry = ctx.executor().schedule(() -> expired(ctx), left, TimeUnit.NANOSECONDS);
            return;
        }
        arriving = false;
        ctx.fireUserEventTriggered(new RequestTimedOut(readTimeout));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent && arriving) {
            // a request is on its way: its own deadline applies, not the idle timeout
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        try {
            super.channelInactive(ctx);
        } finally {
            // after the decoder's last pass over what was left, which may have armed it again
            arriving = false;
            if (expiry != null) {
                expiry.cancel(false);
                expiry = null;
            }
        }
    }
}
