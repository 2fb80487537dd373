package io.switchboard.deploy.k8s;

/**
 * A container image as {@code name[:tag][@digest]}; a registry port ({@code host:5000/name}) is part of the name.
 *
 * @param name   repository, with registry if any
 * @param tag    tag or null
 * @param digest digest or null
 */
record ImageReference(String name, String tag, String digest) {

    static ImageReference parse(String image) {
        String rest = image;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            return new ImageReference(rest.substring(0, colon), rest.substring(colon + 1), digest);
        }
        return new ImageReference(rest, null, digest);
    }

    @Override
    public String toString() {
        return name + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }
}
