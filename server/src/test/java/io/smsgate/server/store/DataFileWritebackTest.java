package io.smsgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which data files a pass writes back: only those that grew since the pass before. */
class DataFileWritebackTest {

    @TempDir
    Path base;

    @Test
    void theFirstPassOnlyMeasures() throws IOException {
        append(base.resolve("16384/2619"), 8192);
        DataFileWriteback writeback = DataFileWriteback.manual(base);

        assertThat(writeback.pass()).isZero();
    }

    @Test
    void aPassWritesTheFilesThatGrewAndNewFilesButNotUnchangedOnes() throws IOException {
        append(base.resolve("16384/1000"), 8192);
        append(base.resolve("16384/1001"), 8192);
        DataFileWriteback writeback = DataFileWriteback.manual(base);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        writeback.bindTo(registry);
        writeback.pass();

        append(base.resolve("16384/1000"), 3 * 8192);
        append(base.resolve("16384/1002"), 8192);
        Files.createFile(base.resolve("16384/1003")); // created, not yet extended

        assertThat(writeback.pass()).isEqualTo(2);
        assertThat(registry.get("smsgate.store.writeback.files").functionCounter().count()).isEqualTo(2);
        assertThat(registry.get("smsgate.store.writeback.grown").functionCounter().count()).isEqualTo(4 * 8192);
        assertThat(writeback.pass()).as("nothing grew since").isZero();
    }

    @Test
    void aFileRemovedBetweenPassesIsForgotten() throws IOException {
        Path dropped = base.resolve("16384/1000");
        append(dropped, 8192);
        DataFileWriteback writeback = DataFileWriteback.manual(base);
        writeback.pass();

        Files.delete(dropped);
        assertThat(writeback.pass()).isZero();
        append(dropped, 8192); // the same relfilenode number reused by a new relation
        assertThat(writeback.pass()).isEqualTo(1);
    }

    @Test
    void aMissingDirectoryWritesNothingAndDoesNotThrow() {
        DataFileWriteback writeback = DataFileWriteback.manual(base.resolve("absent"));

        assertThat(writeback.pass()).isZero();
        assertThat(writeback.pass()).isZero();
    }

    private static void append(Path file, int bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[bytes], StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
