package com.sabiscore.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP server (Netty 4.2, HTTP/1.1): a listening socket on one event loop per core (epoll
 * where the native transport loads, NIO elsewhere; the loops may be shared, see
 * {@link #newEventLoops()}), each connection decoded as HTTP/1.1 and handed to an
 * {@link HttpConnection} over a {@link RouteTable}. Responses are written into pooled direct
 * buffers (Netty's default allocator).
 *
 * <p>Bad input never gets a 5xx: validation failures are 400/413/422 with {@code {"error": ...}}
 * naming the field; an overlong request line is 414, oversized headers 431, and a request that
 * has not arrived whole within the read timeout 408. Accepted sockets have TCP_NODELAY, so small
 * answers are not held back by Nagle's algorithm (a test checks it).
 */
public final class HttpListener implements AutoCloseable {

    /**
     * A connection that sends nothing for this long between requests is closed. Only reads are
     * watched: watching writes too costs a promise and a listener on every answer.
     */
    public static final Duration IDLE_CONNECTION = Duration.ofSeconds(60);
    /** How long a stopping server waits for the requests in flight to be answered (a stop must end within 10 s). */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(2);

    /** Longest request line (414) and header block (431) accepted; the connection is closed after the answer. */
    private static final int MAX_REQUEST_LINE = 8_192;
    private static final int MAX_HEADER_BYTES = 16_384;
    /** Connections waiting to be accepted: more than a burst of load-balancer connects. */
    private static final int ACCEPT_BACKLOG = 1_024;

    private final ChannelGroup connections = new DefaultChannelGroup("http", GlobalEventExecutor.INSTANCE);
    private final ResponseEncoder encoder = new ResponseEncoder();
    private final ScheduledFuture<?> dateRefresh;
    private final RouteTable routes;
    private Channel listener;

    /**
     * What one connection may send and how slowly.
     *
     * @param maxBodyBytes largest request body accepted; a larger one is answered 413
     * @param readTimeout  longest a request may take to arrive whole; then it is answered 408 and the connection closed
     * @param idleTimeout  longest a connection may stay silent between requests; then it is closed
     */
    public record Limits(int maxBodyBytes, Duration readTimeout, Duration idleTimeout) {
    }

    private HttpListener(String host, int port, RouteTable routes, Limits limits, EventLoopGroup eventLoops) {
        this.routes = routes;
        try {
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(eventLoops)
                    .channel(serverChannel())
                    .option(ChannelOption.SO_BACKLOG, ACCEPT_BACKLOG)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            connections.add(channel);
                            channel.pipeline()
                                    .addLast(new IdleStateHandler(limits.idleTimeout().toNanos(), 0, 0, TimeUnit.NANOSECONDS))
                                    .addLast(new TimedRequestDecoder(MAX_REQUEST_LINE, MAX_HEADER_BYTES, MAX_REQUEST_LINE,
                                            limits.readTimeout()))
                                    .addLast(new HttpConnection(routes, encoder, limits.maxBodyBytes(), MAX_REQUEST_LINE, MAX_HEADER_BYTES));
                        }
                    });
            ChannelFuture binding = bootstrap.bind(host, port).awaitUninterruptibly();
            if (!binding.isSuccess()) {
                // Netty's sync() would rethrow a BindException unchecked, past every caller's cleanup
                throw new IllegalStateException("cannot listen on " + host + ":" + port + ": "
                        + binding.cause().getMessage(), binding.cause());
            }
            listener = binding.channel();
        } catch (RuntimeException e) {
            closeConnections();
            throw e;
        }
        dateRefresh = eventLoops.scheduleAtFixedRate(encoder::refreshDate, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Listens on {@code host:port} (port 0 picks a free one).
     *
     * @param eventLoops from {@link #newEventLoops()}; the caller shuts them down after {@link #close()}
     */
    public static HttpListener open(String host, int port, RouteTable routes, Limits limits, EventLoopGroup eventLoops) {
        return new HttpListener(host, port, routes, limits, eventLoops);
    }

    /** {@link #eventLoopCount()} event loops of the transport in use, for the listener and anything sharing them. */
    public static EventLoopGroup newEventLoops() {
        return new MultiThreadIoEventLoopGroup(eventLoopCount(), new DefaultThreadFactory("http-loop", true), ioHandler());
    }

    /** One event loop per core: each request that cannot block is answered on the loop that read it. */
    public static int eventLoopCount() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The routes served, for a test that holds them against the API document. */
    RouteTable routes() {
        return routes;
    }

    /** The transport in use: {@code epoll} or {@code NIO}. */
    public static String transport() {
        return Epoll.isAvailable() ? "epoll" : "NIO";
    }

    private static IoHandlerFactory ioHandler() {
        return Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    private static Class<? extends ServerChannel> serverChannel() {
        return Epoll.isAvailable() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /**
     * Whether each open connection's socket has TCP_NODELAY set, as the kernel reports it.
     * Connections come and go meanwhile: the group is walked with its weakly consistent iterator
     * (a sized stream over it fails when it grows), and one closed under our feet is passed over.
     */
    List<Boolean> tcpNoDelayOfConnections() {
        List<Boolean> noDelay = new ArrayList<>();
        for (Channel channel : connections) {
            try {
                if (channel.isActive()) {
                    noDelay.add(channel.config().getOption(ChannelOption.TCP_NODELAY));
                }
            } catch (ChannelException closedMeanwhile) {
                // the socket was closed between the check and the read: it is no open connection
            }
        }
        return noDelay;
    }

    /**
     * Stops accepting, lets every connection answer the requests it has read (at most {@link
     * #DRAIN_TIMEOUT}), then closes what is left; the event loops keep running. Closing again does nothing.
     */
    @Override
    public void close() {
        dateRefresh.cancel(false);
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        for (Channel connection : connections) {
            HttpConnection handler = connection.pipeline().get(HttpConnection.class);
            if (handler != null) {
                connection.eventLoop().execute(handler::drain);
            }
        }
        connections.newCloseFuture().awaitUninterruptibly(DRAIN_TIMEOUT.toMillis());
        closeConnections();
    }

    private void closeConnections() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        connections.close().syncUninterruptibly();
    }
}
