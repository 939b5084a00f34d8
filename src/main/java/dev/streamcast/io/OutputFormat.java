package dev.streamcast.io;

/** How output records are written: one JSON object per line, or CSV with a header line per file. */
public enum OutputFormat {
    JSONL("jsonl"),
    CSV("csv");

    private final String extension;

    OutputFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }
}
