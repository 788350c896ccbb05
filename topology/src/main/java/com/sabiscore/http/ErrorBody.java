package com.sabiscore.http;

/** The body of every error answer: {@code {"error": "..."}}. */
record ErrorBody(String error) {
}
