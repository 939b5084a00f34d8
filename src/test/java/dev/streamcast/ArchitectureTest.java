package dev.streamcast;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The learning core is plain Java: no Flink, and nothing of streamcast outside itself. The reader of committed
 * outputs, used by the evaluation too, has no Flink and no job classes.
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.streamcast");

    @Test
    void learningCoreHasNoFlinkImport() {
        noClasses().that().resideInAPackage("dev.streamcast.learn..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.flink..")
                .check(CLASSES);
    }

    @Test
    void learningCoreDependsOnNoOtherStreamcastPackage() {
        noClasses().that().resideInAPackage("dev.streamcast.learn..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.streamcast.records..", "dev.streamcast.io..",
                        "dev.streamcast.functions..", "dev.streamcast.job..", "dev.streamcast.cli..")
                .check(CLASSES);
    }

    @Test
    void outputReaderHasNoFlinkOrJobImport() {
        noClasses().that().resideInAPackage("dev.streamcast.outputs..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.flink..", "dev.streamcast.job..",
                        "dev.streamcast.functions..", "dev.streamcast.cli..")
                .check(CLASSES);
    }
}
