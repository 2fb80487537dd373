package io.switchboard.gateway.ws;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A bare TCP WebSocket client for what a library would hide or refuse to send: the exact handshake response,
 * header bytes outside ASCII (written as ISO-8859-1, one byte per character), and a peer that reads frames
 * but never answers a ping. It only reads; server frames are never masked.
 */
final class RawWebSocket implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final String responseHead;

    private RawWebSocket(URI base, String extraHeaders) throws IOException {
        socket = new Socket(base.getHost(), base.getPort());
        socket.setSoTimeout((int) Duration.ofSeconds(20).toMillis());
        String handshake = "GET /ws HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: c3dpdGNoYm9hcmQtdGVzdA==\r\n" + extraHeaders + "\r\n";
        socket.getOutputStream().write(handshake.getBytes(StandardCharsets.ISO_8859_1));
        in = new DataInputStream(socket.getInputStream());
        StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) {
            head.append((char) in.readUnsignedByte());
        }
        responseHead = head.toString();
    }

    /** Performs the handshake; each extra header is a full {@code Name: value} line. */
    static RawWebSocket open(URI base, String... headerLines) throws IOException {
        StringBuilder extra = new StringBuilder();
        for (String line : headerLines) {
            extra.append(line).append("\r\n");
        }
        return new RawWebSocket(base, extra.toString());
    }

    /** The status line and headers of the server's answer to the handshake. */
    String responseHead() {
        return responseHead;
    }

    /** A frame: its opcode and payload. */
    record Frame(int opcode, byte[] payload) {

        boolean isPing() {
            return opcode == 0x9;
        }

        boolean isClose() {
            return opcode == 0x8;
        }

        int closeCode() {
            return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }
    }

    Frame readFrame() throws IOException {
        int opcode = in.readUnsignedByte() & 0x0F;
        int length = in.readUnsignedByte() & 0x7F;
        long payloadLength = length == 126 ? in.readUnsignedShort() : length == 127 ? in.readLong() : length;
        byte[] payload = new byte[(int) payloadLength];
        in.readFully(payload);
        return new Frame(opcode, payload);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
