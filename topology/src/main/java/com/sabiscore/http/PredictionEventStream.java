package com.sabiscore.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sabiscore.events.Prediction;
import com.sabiscore.query.JsonFormat;
import com.sabiscore.query.PredictionView;
import com.sabiscore.streams.PipelineObserver;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpMethod;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/predictions/stream[?competition=E0]}: every prediction version this
 * instance's stream writes, as server-sent events ({@code event: prediction}, the data a
 * {@link PredictionView} in the API's JSON), as the processor writes it. A browser's
 * {@code EventSource} reconnects by itself and sends the last id it saw ({@code Last-Event-ID}):
 * the events since then are sent first when they are still among the last {@value #RESUME_EVENTS};
 * otherwise (too old, or an id from before the server restarted) the client gets
 * {@code event: resync} and should read the predictions afresh.
 *
 * <p>Each client has a queue of at most {@code clientBuffer} events. Events are written while
 * its socket accepts them; a client that falls further behind is dropped (its connection closed;
 * it reconnects and resumes), so a slow reader costs a bounded queue and never the server's
 * memory. The stream's threads only append to queues; the writing happens on each connection's
 * event loop. Under exactly-once the events are the processor's writes, so a version from a
 * transaction that is later aborted may be sent and then sent again: clients keep the highest
 * version of each fixture.
 *
 * <p>Only the predictions written by the tasks on this instance are sent: with several
 * instances, a client follows the instance that hosts its competition.
 */
public final class PredictionEventStream implements PipelineObserver {

    static final String PATH = "/api/v1/predictions/stream";
    private static final Logger LOG = LoggerFactory.getLogger(PredictionEventStream.class);
    /** Events kept for clients that come back with {@code Last-Event-ID}: a few matchdays of every competition. */
    static final int RESUME_EVENTS = 1_024;
    /** Proxies close connections that stay silent, and a write is how a vanished client is noticed. */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final byte[] KEEP_ALIVE_COMMENT = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);
    /** A client whose socket stays full this many keep-alives in a row is dropped, even when no event comes. */
    private static final int MAX_STALLED_KEEP_ALIVES = 4;
    /** How long a browser waits before it reconnects. */
    private static final byte[] RECONNECT_DELAY = "retry: 2000\n\n".getBytes(StandardCharsets.US_ASCII);

    private final int clientBuffer;
    /** Marks the event ids of this run of the server: an id from an earlier run cannot be resumed. */
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final Object lock = new Object();
    // guarded by lock
    private final ArrayDeque<Event> recent = new ArrayDeque<>();
    private final List<Client> clients = new ArrayList<>();
    private long sequence;

    /** @param clientBuffer events one client may lag behind before it is dropped */
    public PredictionEventStream(int clientBuffer) {
        this.clientBuffer = clientBuffer;
    }

    public void register(RouteTable routes) {
        routes.inline(HttpMethod.GET, PATH, this::subscribe);
    }

    private Answer subscribe(Request request) {
        String filter = request.queryParam("competition");
        String competition = filter == null ? null : PredictionRoutes.competition(filter).code();
        String lastEventId = request.header("Last-Event-ID");
        request.takeOver(channel -> new Client(competition).start(channel, lastEventId));
        return new Answer(200, Answer.BodyType.EVENT_STREAM, new byte[0], "Cache-Control", "no-store");
    }

    /** Called on a stream thread right after the prediction was put in its store. */
    @Override
    public void predictionEmitted(Prediction prediction) {
        synchronized (lock) {
            Event event = new Event(++sequence, prediction.getCompetition(), PredictionView.of(prediction));
            recent.add(event);
            if (recent.size() > RESUME_EVENTS) {
                recent.poll();
            }
            for (Iterator<Client> each = clients.iterator(); each.hasNext(); ) {
                if (!each.next().offer(event)) {
                    each.remove();
                }
            }
        }
    }

    /** Clients connected now. */
    int clientCount() {
        synchronized (lock) {
            return clients.size();
        }
    }

    /** JSON never holds a raw line break, so the data is one {@code data:} line. */
    private byte[] frame(long eventSequence, String type, String data) {
        return ("id: " + run + "-" + eventSequence + "\nevent: " + type + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The events after {@code lastEventId} of one competition (null: all), or null when they can
     * no longer be told: the id is of an earlier run, unknown, or older than the kept events.
     */
    private List<Event> since(String lastEventId, String competition) {
        int dash = lastEventId.lastIndexOf('-');
        if (dash < 0 || !lastEventId.substring(0, dash).equals(run)) {
            return null;
        }
        long seen;
        try {
            seen = Long.parseLong(lastEventId.substring(dash + 1));
        } catch (NumberFormatException e) {
            return null;
        }
        long oldestKept = recent.isEmpty() ? sequence + 1 : recent.peekFirst().sequence;
        if (seen > sequence || seen < oldestKept - 1) {
            return null;
        }
        List<Event> missed = new ArrayList<>();
        for (Event event : recent) {
            if (event.sequence > seen && (competition == null || competition.equals(event.competition))) {
                missed.add(event);
            }
        }
        return missed;
    }

    /** One prediction version, encoded once, when a client first needs it. */
    private final class Event {
        final long sequence;
        final String competition;
        final PredictionView prediction;
        private volatile byte[] frame;

        Event(long sequence, String competition, PredictionView prediction) {
            this.sequence = sequence;
            this.competition = competition;
            this.prediction = prediction;
        }

        byte[] frame() {
            byte[] encoded = frame;
            if (encoded == null) {
                try {
                    encoded = frame = PredictionEventStream.this.frame(sequence, "prediction",
                            JsonFormat.mapper().writeValueAsString(prediction));
                } catch (JsonProcessingException e) {
                    throw new UncheckedIOException("a prediction always serialises", e);
                }
            }
            return encoded;
        }
    }

    /**
     * One connected client: its queue, written out on its connection's event loop while the
     * socket takes it. Also the last handler of the connection's pipeline, to hear when the
     * socket can take more and when it closes.
     */
    private final class Client extends ChannelInboundHandlerAdapter {
        private final String competition;
        // guarded by this
        private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
        private boolean writing;
        private boolean dropped;
        private Channel channel;
        private ScheduledFuture<?> keepAlive;
        /** Keep-alives in a row that found the socket full: a client that reads nothing for that long is gone. */
        private int stalled;

        Client(String competition) {
            this.competition = competition;
        }

        /** Runs on the connection's event loop once the answer's head is written. */
        void start(Channel connection, String lastEventId) {
            channel = connection;
            channel.pipeline().addLast(this);
            channel.write(Unpooled.wrappedBuffer(RECONNECT_DELAY), channel.voidPromise());
            synchronized (lock) {
                List<Event> missed = lastEventId == null ? List.of() : since(lastEventId.strip(), competition);
                synchronized (this) {
                    if (missed == null || missed.size() > clientBuffer) {
                        // its id is the newest event's: a reconnect after reading afresh resumes from here
                        queue.add(frame(sequence, "resync", "{}"));
                    } else {
                        missed.forEach(event -> queue.add(event.frame()));
                    }
                    writing = true;
                }
                clients.add(this);
            }
            keepAlive = channel.eventLoop().scheduleAtFixedRate(this::keepAlive,
                    KEEP_ALIVE.toMillis(), KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
            if (!channel.isActive()) {
                unsubscribe();
            }
            write();
            channel.flush();
        }

        /**
         * Queues an event of the client's competition (called under the stream's lock).
         *
         * @return false when the client is gone or has been dropped for lagging
         */
        boolean offer(Event event) {
            if (competition != null && !competition.equals(event.competition)) {
                return true;
            }
            boolean wake;
            synchronized (this) {
                if (dropped) {
                    return false;
                }
                if (queue.size() >= clientBuffer) {
                    dropped = true;
                    queue.clear();
                    LOG.info("dropped live-update client {}: more than {} events behind", channel.remoteAddress(), clientBuffer);
                    channel.eventLoop().execute(channel::close);
                    return false;
                }
                queue.add(event.frame());
                wake = !writing;
                writing = true;
            }
            if (wake) {
                channel.eventLoop().execute(this::write);
            }
            return true;
        }

        /** Writes queued events while the socket takes them; stops when it is full until it drains. */
        private void write() {
            boolean wrote = false;
            while (channel.isWritable()) {
                byte[] frame;
                synchronized (this) {
                    frame = queue.poll();
                    if (frame == null) {
                        writing = false;
                        break;
                    }
                }
                channel.write(Unpooled.wrappedBuffer(frame), channel.voidPromise());
                wrote = true;
            }
            if (wrote) {
                channel.flush();
            }
        }

        private void keepAlive() {
            if (channel.isWritable()) {
                stalled = 0;
                channel.writeAndFlush(Unpooled.wrappedBuffer(KEEP_ALIVE_COMMENT), channel.voidPromise());
            } else if (++stalled >= MAX_STALLED_KEEP_ALIVES) {
                LOG.info("dropped live-update client {}: it has read nothing for {} s", channel.remoteAddress(),
                        MAX_STALLED_KEEP_ALIVES * KEEP_ALIVE.toSeconds());
                channel.close();
            }
        }

        private void unsubscribe() {
            synchronized (lock) {
                clients.remove(this);
            }
            if (keepAlive != null) {
                keepAlive.cancel(false);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                write();
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            unsubscribe();
            ctx.fireChannelInactive();
        }
    }
}
