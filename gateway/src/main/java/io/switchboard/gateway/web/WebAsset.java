package io.switchboard.gateway.web;

import io.vertx.core.buffer.Buffer;

/**
 * One file of the browser app's bundle, held in memory with its gzip form when that is smaller.
 *
 * @param body the file as built
 * @param gzipped the gzip form, or null when compression would not pay (images, tiny files)
 * @param contentType the media type answered
 * @param etag a strong validator of the content
 * @param immutable whether the name carries a content hash (everything under assets/), so it may be cached for good
 */
public record WebAsset(Buffer body, Buffer gzipped, String contentType, String etag, boolean immutable) {
}
