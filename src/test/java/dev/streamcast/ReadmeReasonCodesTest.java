package dev.streamcast;

import dev.streamcast.io.Reason;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README's "Bad input and late data" section lists every reject reason code with its meaning, as {@link Reason}
 * defines them: the table between its markers must be exactly the one generated here, so it cannot drift. On a
 * change of {@code Reason}, paste the table from the failure message into README.md.
 */
class ReadmeReasonCodesTest {
    static final String BEGIN =
            "<!-- reason codes: generated from dev.streamcast.io.Reason, checked by ReadmeReasonCodesTest -->";
    static final String END = "<!-- end of reason codes -->";

    /** The table of all reason codes and their descriptions, in declaration order. */
    static String table() {
        return "| reason | meaning |\n| --- | --- |\n" + Arrays.stream(Reason.values())
                .map(r -> "| `" + r.code() + "` | " + r.description().replace("|", "\\|") + " |\n")
                .collect(Collectors.joining());
    }

    @Test
    void readmeListsEveryReasonCodeWithItsMeaning() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        assertThat(begin).as("README.md has the marker %s", BEGIN).isNotNegative();
        assertThat(end).as("README.md has the marker %s", END).isGreaterThan(begin);
        String listed = readme.substring(begin + BEGIN.length(), end).strip() + "\n";

        assertThat(listed).as("the reason codes in README.md; expected:%n%s", table()).isEqualTo(table());
    }

    @Test
    void codesAreDistinctSnakeCaseWithADescription() {
        assertThat(Arrays.stream(Reason.values()).map(Reason::code)).doesNotHaveDuplicates()
                .allSatisfy(c -> assertThat(c).matches("[a-z][a-z0-9]*(_[a-z0-9]+)*"));
        assertThat(Arrays.stream(Reason.values()).map(Reason::description)).allSatisfy(d -> assertThat(d).isNotBlank());
    }
}
