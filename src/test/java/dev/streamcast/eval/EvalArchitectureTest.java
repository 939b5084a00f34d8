package dev.streamcast.eval;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The evaluation is plain Java: no Flink, and no job or Flink function classes. */
class EvalArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.streamcast");

    @Test
    void evaluationHasNoFlinkImport() {
        noClasses().that().resideInAPackage("dev.streamcast.eval..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.flink..", "dev.streamcast.job..",
                        "dev.streamcast.functions..")
                .check(CLASSES);
    }
}
