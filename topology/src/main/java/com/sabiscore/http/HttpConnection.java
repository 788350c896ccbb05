package com.sabiscore.http;

import com.sabiscore.http.ResponseEncoder.Connection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP/1.1 connection, after Netty's request decoder: gathers each request's body up to the
 * size cap, asks the {@link RouteTable}, and writes the answers in request order.
 *
 * <p>Everything here runs on the connection's event loop, so it needs no locks. A route answered
 * at once is written in the same pass, and a burst of pipelined requests is flushed once, when the
 * read completes. While a request is answered asynchronously (on a worker or after Redis), later
 * requests of the same connection wait in a queue, so answers always leave in request order; a
 * client that pipelines more than {@link #MAX_WAITING} requests is not read from until the queue
 * drains.
 *
 * <p>A body over the cap is answered 413 in turn without waiting for the rest of it (whether or
 * not it declares its length), and the rest is read and dropped: a declared length keeps the
 * connection usable; a chunked body closes it once its end has been read (closing earlier would
 * reset the connection under the client's remaining data, and could lose the 413 with it).
 *
 * <p>A request that has not arrived whole in time ({@link TimedRequestDecoder}) is answered 408
 * in turn and the connection closed: what the client sends after it can no longer be told apart
 * from a new request. An over-long request line is answered 414 and an over-large header block
 * 431, each closing the connection, as does any other request the decoder cannot read (400).
 *
 * <p>An answer of type {@link Answer.BodyType#EVENT_STREAM} hands the connection to what its
 * request asked to take it over ({@link Request#takeOver}): from then on nothing is read or
 * answered here, the idle timeout no longer applies (the stream writes keep-alives), and a
 * stopping server closes the connection at once.
 */
final class HttpConnection extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(HttpConnection.class);
    /** Requests of one connection held while an earlier one is answered; past this the connection is not read. */
    static final int MAX_WAITING = 64;
    private static final byte[] NO_BODY = new byte[0];

    /**
     * A request read whole, waiting for its turn, or an answer decided while reading it.
     *
     * @param bodyless the answer goes without its body: the request was HEAD
     */
    private record Pending(Request request, Connection connection, Answer early, boolean bodyless) {
    }

    private final RouteTable routes;
    private final ResponseEncoder encoder;
    private final int maxBodyBytes;
    private final int maxRequestLine;
    private final int maxHeaderBytes;
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private ChannelHandlerContext ctx;

    // the request being read
    private HttpRequest head;
    private byte[] body = NO_BODY;
    private int bodyLength;
    /** The rest of an oversize body is being read and dropped. */
    private boolean discarding;

    // the answers
    /** A request is being answered: later ones wait. */
    private boolean answering;
    /** Inside a read burst: writes are flushed once it completes. */
    private boolean reading;
    private boolean unflushed;
    /** An answer said {@code Connection: close}: nothing more is read or answered. */
    private boolean closing;
    /** The request being read took too long: nothing more is read, the answers before it still go out. */
    private boolean readTimedOut;
    /** The server is stopping: the requests read whole are answered, then the connection closes. */
    private boolean draining;
    /** An event stream has taken the connection over. */
    private boolean streaming;

    /**
     * @param maxRequestLine the decoder's limit, for the 414 message
     * @param maxHeaderBytes the decoder's limit, for the 431 message
     */
    HttpConnection(RouteTable routes, ResponseEncoder encoder, int maxBodyBytes, int maxRequestLine, int maxHeaderBytes) {
        this.routes = routes;
        this.encoder = encoder;
        this.maxBodyBytes = maxBodyBytes;
        this.maxRequestLine = maxRequestLine;
        this.maxHeaderBytes = maxHeaderBytes;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        reading = true;
        try {
            if ((closing && !discarding) || readTimedOut || streaming) {
                return;
            }
            if (msg instanceof HttpObject http && http.decoderResult().isFailure()) {
                rejectUnreadable(http.decoderResult().cause());
                return;
            }
            if (msg instanceof HttpRequest request) {
                started(request);
            }
            if (msg instanceof HttpContent content && head != null) {
                received(content.content());
                if (msg instanceof LastHttpContent) {
                    ended();
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        reading = false;
        flushIfNeeded();
        if (!ctx.channel().isWritable()) {
            // the client does not read its answers: stop reading its requests until it does
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && waiting.size() < MAX_WAITING && !closing) {
            ctx.channel().config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void started(HttpRequest request) {
        head = request;
        body = NO_BODY;
        bodyLength = 0;
        discarding = false;
        long declared = HttpUtil.getContentLength(request, -1L);
        if (declared > maxBodyBytes) {
            if (HttpUtil.is100ContinueExpected(request)) {
                // the client waits for a go-ahead before sending the body: refused, it never sends it
                head = null;
                queue(new Pending(null, Connection.CLOSE, tooLarge(), false));
            } else {
                discardBody(connectionAfter(request));
            }
            return;
        }
        if (declared > 0) {
            body = new byte[(int) declared];
        }
        if (HttpUtil.is100ContinueExpected(request)) {
            ctx.write(Unpooled.wrappedBuffer(ResponseEncoder.CONTINUE));
            unflushed = true;
        }
    }

    private void received(ByteBuf content) {
        int readable = content.readableBytes();
        if (discarding || readable == 0) {
            return;
        }
        if (bodyLength + readable > maxBodyBytes) {
            // a chunked body: the client cannot be told to stop sending, so the connection ends with it
            discardBody(Connection.CLOSE);
            return;
        }
        if (bodyLength + readable > body.length) {
            body = Arrays.copyOf(body, Math.max(bodyLength + readable, 2 * body.length));
        }
        content.readBytes(body, bodyLength, readable);
        bodyLength += readable;
    }

    /** Answers 413 in turn, without waiting for the body, and drops the body as it arrives. */
    private void discardBody(Connection connection) {
        discarding = true;
        queue(new Pending(null, connection, tooLarge(), false));
    }

    private Answer tooLarge() {
        return Answer.error(413, "the request body is larger than " + maxBodyBytes + " bytes");
    }

    private void ended() {
        HttpRequest request = head;
        head = null;
        if (discarding) {
            discarding = false;
            if (closing) {
                // the 413 said so, and the client has finished sending: closing now loses nothing
                closeAfterAnswers();
            }
            return;
        }
        byte[] whole = bodyLength == body.length ? body : Arrays.copyOf(body, bodyLength);
        queue(new Pending(new Request(request.method(), request.uri(), request.headers(), whole, ctx.channel().eventLoop()),
                connectionAfter(request), null,
                HttpMethod.HEAD.equals(request.method())));
    }

    private void rejectUnreadable(Throwable cause) {
        LOG.debug("unreadable request from {}", ctx.channel().remoteAddress(), cause);
        head = null;
        Answer refusal;
        if (cause instanceof TooLongHttpLineException) {
            refusal = Answer.error(414, "the request line is longer than " + maxRequestLine + " bytes: use a shorter path or query");
        } else if (cause instanceof TooLongHttpHeaderException) {
            refusal = Answer.error(431, "the request headers are larger than " + maxHeaderBytes + " bytes");
        } else {
            refusal = Answer.error(400, "unreadable HTTP request: " + cause.getMessage());
        }
        queue(new Pending(null, Connection.CLOSE, refusal, false));
    }

    /**
     * Answers 408 after the answers already due, then closes. A body over the cap already has its
     * 413: that answer closes the connection instead, or, sent already, the connection just closes.
     */
    private void timedOut(Duration after) {
        head = null;
        readTimedOut = true;
        if (closing) {
            closeAfterAnswers();
            return;
        }
        if (discarding) {
            discarding = false;
            Pending refusal = waiting.pollLast();
            if (refusal == null) {
                closeAfterAnswers();
            } else {
                queue(new Pending(null, Connection.CLOSE, refusal.early(), false));
            }
            return;
        }
        queue(new Pending(null, Connection.CLOSE,
                Answer.error(408, "the request did not arrive whole within " + after.toMillis() + " ms"), false));
    }

    private static Connection connectionAfter(HttpRequest request) {
        if (!HttpUtil.isKeepAlive(request)) {
            return Connection.CLOSE;
        }
        return request.protocolVersion().equals(HttpVersion.HTTP_1_0) ? Connection.KEEP_ALIVE : Connection.PERSISTENT;
    }

    /**
     * The server is stopping (called on this connection's event loop): the request being read is
     * read to its end, every request read whole is answered, nothing more is read, and then the
     * connection closes, so a stop finishes the requests in flight instead of cutting them.
     */
    void drain() {
        draining = true;
        if (streaming) {
            ctx.close();
            return;
        }
        if (head == null) {
            ctx.channel().config().setAutoRead(false);
        }
        closeIfDrained();
    }

    private void closeIfDrained() {
        if (draining && head == null && !answering && waiting.isEmpty() && !closing && ctx.channel().isActive()) {
            closeAfterAnswers();
        }
    }

    private void queue(Pending pending) {
        waiting.add(pending);
        if (waiting.size() >= MAX_WAITING) {
            ctx.channel().config().setAutoRead(false);
        }
        answerWaiting();
    }

    /** Answers waiting requests in order until one has to wait for an asynchronous answer. */
    private void answerWaiting() {
        Pending next;
        while (!answering && !closing && (next = waiting.poll()) != null) {
            if (next.early() != null) {
                write(next.early(), next);
                continue;
            }
            answering = true;
            Pending pending = next;
            long started = System.nanoTime();
            CompletableFuture<Answer> answer = routes.answer(pending.request()).toCompletableFuture();
            if (answer.isDone()) {
                answered(pending, answer, started);
            } else {
                answer.whenComplete((a, failure) -> {
                    if (ctx.executor().inEventLoop()) {
                        answeredLater(pending, answer, started);
                    } else {
                        ctx.executor().execute(() -> answeredLater(pending, answer, started));
                    }
                });
            }
        }
        if (draining) {
            ctx.channel().config().setAutoRead(head != null);
            closeIfDrained();
        } else if (waiting.isEmpty() && !ctx.channel().config().isAutoRead() && !closing) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void answeredLater(Pending pending, CompletableFuture<Answer> answer, long started) {
        answered(pending, answer, started);
        answerWaiting();
        flushIfNeeded();
    }

    private void answered(Pending pending, CompletableFuture<Answer> answer, long started) {
        answering = false;
        Answer result;
        try {
            result = answer.join();
        } catch (RuntimeException e) {
            result = RouteTable.failure(e, pending.request());
        }
        routes.answered(pending.request(), result.status(), System.nanoTime() - started);
        write(result, pending);
    }

    private void write(Answer answer, Pending pending) {
        if (!ctx.channel().isActive()) {
            return;
        }
        ctx.write(encoder.encode(ctx.alloc(), answer, pending.connection(), !pending.bodyless()), ctx.voidPromise());
        unflushed = true;
        if (answer.type() == Answer.BodyType.EVENT_STREAM && pending.request() != null && pending.request().takeover() != null) {
            handOver(pending.request());
            return;
        }
        if (pending.connection() == Connection.CLOSE) {
            closing = true;
            waiting.clear();
            if (!discarding) {
                closeAfterAnswers();
            }
        }
    }

    private void handOver(Request request) {
        streaming = true;
        waiting.clear();
        if (ctx.pipeline().get(IdleStateHandler.class) != null) {
            ctx.pipeline().remove(IdleStateHandler.class);
        }
        unflushed = false;
        ctx.flush();
        request.takeover().accept(ctx.channel());
    }

    /** Flushes what is written and then closes: the peer reads every answer before the close. */
    private void closeAfterAnswers() {
        closing = true;
        unflushed = false;
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    private void flushIfNeeded() {
        if (unflushed && !reading) {
            unflushed = false;
            ctx.flush();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (streaming && event instanceof TimedRequestDecoder.RequestTimedOut) {
            return;
        }
        if (event instanceof IdleStateEvent) {
            ctx.close();
        } else if (event instanceof TimedRequestDecoder.RequestTimedOut timeout) {
            timedOut(timeout.after());
            flushIfNeeded();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("connection from {} failed", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
