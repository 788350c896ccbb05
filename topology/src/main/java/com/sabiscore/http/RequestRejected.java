package com.sabiscore.http;

/**
 * Bad input, answered with a 4xx status and {@code {"error": message}}; the message names the
 * field at fault so a caller can fix the request.
 */
final class RequestRejected extends RuntimeException {

    private final int status;

    private RequestRejected(int status, String message) {
        super(message);
        this.status = status;
    }

    /** 400: the body is not JSON, or not of the expected shape. */
    static RequestRejected malformed(String message) {
        return new RequestRejected(400, message);
    }

    /** 422: well-formed, but a field's value cannot be used. */
    static RequestRejected invalid(String message) {
        return new RequestRejected(422, message);
    }

    int status() {
        return status;
    }
}
