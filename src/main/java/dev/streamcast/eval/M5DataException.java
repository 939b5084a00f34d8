package dev.streamcast.eval;

/** Bad or inconsistent M5 input (a file, a submission, forecasts): the message names the file and the problem. */
public final class M5DataException extends Exception {
    private static final long serialVersionUID = 1L;

    public M5DataException(String message) {
        super(message, null, false, false);
    }
}
