package io.switchboard.workspace.files;

/**
 * A line that refuses to be read past a deadline. {@link java.util.regex.Matcher} cannot be
 * interrupted, but it reads its input through {@link #charAt}, so a pattern that backtracks
 * without end stops here.
 */
final class DeadlineCharSequence implements CharSequence {

    private static final int CHECK_EVERY = 4096;

    private final CharSequence text;
    private final long deadline;
    private int reads;

    DeadlineCharSequence(CharSequence text, long deadline) {
        this.text = text;
        this.deadline = deadline;
    }

    @Override
    public char charAt(int index) {
        if (++reads % CHECK_EVERY == 0 && System.nanoTime() > deadline) {
            throw new Expired();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new DeadlineCharSequence(text.subSequence(start, end), deadline);
    }

    @Override
    public String toString() {
        return text.toString();
    }

    /** The deadline passed while matching. */
    static final class Expired extends RuntimeException {

        Expired() {
            super("search deadline passed", null, false, false);
        }
    }
}
