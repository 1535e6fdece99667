package com.salesconnect.tasksync.architecture;

import com.salesconnect.tasksync.task.ScTask;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Core's own main classes, imported once for the architecture tests (the test class path holds others too). */
final class CoreClasses {

    static final String ROOT = "com.salesconnect.tasksync";

    /** The emulator's and the AWS engine's classes are on the test class path as well: only core's own count. */
    static final JavaClasses CORE = importCore();

    private CoreClasses() {
    }

    private static JavaClasses importCore() {
        try {
            Path classes = Path.of(ScTask.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return new ClassFileImporter().importPath(classes);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
