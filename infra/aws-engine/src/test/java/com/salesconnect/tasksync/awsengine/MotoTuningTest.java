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
        assumeTrue(Executables.run(List.of("python3", "-c", "import moto.server"), 60).exitCode() == 0,
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
        String output = python(MotoServer.TUNING + """
                import io, contextlib
                from werkzeug._internal import _log
                err = io.StringIO()
                with contextlib.redirect_stderr(err):
                    _log('info', '127.0.0.1 - - "POST / HTTP/1.1" 200 -')
                    _log('error', 'Error on request')
                print('written', repr(err.getvalue()))
                """);
        assertThat(output).contains("written").doesNotContain("POST / HTTP/1.1").contains("Error on request");
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
