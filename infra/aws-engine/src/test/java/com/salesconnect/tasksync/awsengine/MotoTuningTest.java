package com.salesconnect.tasksync.awsengine;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link MotoServer#TUNING} run by the python3 that starts moto, followed by checks of what it changed in that
 * interpreter (each check prints a line; a failed assertion exits non-zero with its message).
 */
class MotoTuningTest {

    @BeforeAll
    static void pythonImportsMoto() {
        assumeTrue(MotoServer.pythonImportsMoto(),
                "python3 cannot import moto.server here (MotoServer then runs the moto_server command untuned)");
    }

    @Test
    void motosListOfServiceFolders_isReadOnce_andIsTheSameList() {
        String output = python("""
                import moto.backends
                on_disk = list(moto.backends.list_of_moto_modules())
                """ + MotoServer.TUNING + """
                first = moto.backends.list_of_moto_modules()
                assert first is moto.backends.list_of_moto_modules(), 'the list is read again'
                assert list(first) == on_disk, 'not the list on the disk'
                assert 'dynamodb' in first and 'dynamodbstreams' in first and 'events' in first
                print('folders', len(first))
                """);
        assertThat(output).containsPattern("folders \\d{2,}");
    }

    @Test
    void werkzeugsAccessLog_isOff_itsWarningsAndErrorsStay() {
        // werkzeug writes its access lines (INFO) and its errors through the logger named "werkzeug", and sets that
        // logger to INFO at its first line unless a level is set already: so the level must be set, to WARNING
        String output = python(MotoServer.TUNING + """
                access = logging.getLogger('werkzeug')
                print('level', logging.getLevelName(access.level), 'info', access.isEnabledFor(logging.INFO),
                      'error', access.isEnabledFor(logging.ERROR))
                """);
        assertThat(output).contains("level WARNING info False error True");
    }

    @Test
    void theGarbageCollector_runsLessOften() {
        assertThat(python(MotoServer.TUNING + "print('thresholds', gc.get_threshold())\n"))
                .contains("thresholds (100000, 50, 100)");
    }

    private static String python(String program) {
        Executables.Result result = Executables.run(List.of("python3", "-c", program), 120);
        assertThat(result.exitCode()).as("python3 -c exited with: %s", result.output()).isZero();
        return result.output();
    }
}
