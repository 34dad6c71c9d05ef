package io.fanout.testkit;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The one set of architecture rules every service keeps, checked on its main classes: its
 * {@code domain} is plain Java (no framework, Kafka or Kubernetes client, nothing of the service's
 * other packages), and only its {@code messaging} package talks to Kafka. A service's test extends
 * this class from the service's base package ({@code io.fanout.<service>}).
 */
public abstract class ServiceArchitecture {

    private final String base = getClass().getPackageName();
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(base);

    @Test
    void domainIsPlainJava() {
        noClasses().that().resideInAPackage(base + ".domain..")
                .should().dependOnClassesThat(resideInAnyPackage("io.quarkus..", "io.smallrye..", "jakarta..",
                        "org.apache.kafka..", "io.fabric8..", "org.eclipse.microprofile..", "io.agroal..")
                        .or(resideInAPackage(base + "..").and(not(resideInAPackage(base + ".domain..")))))
                .check(classes);
    }

    @Test
    void onlyMessagingTalksToKafka() {
        noClasses().that().resideOutsideOfPackage(base + ".messaging..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.smallrye.reactive.messaging..")
                .check(classes);
    }
}
