package com.salesconnect.tasksync.task;

import com.salesconnect.tasksync.task.TaskFields.Field;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskValidationTest {

    @Test
    void blankSubject_isRejected_withASafeMessage() {
        assertThatThrownBy(() -> TaskValidation.validate(TaskFields.todo(" \t")))
                .isInstanceOf(InvalidTaskException.class).hasMessage("subject: must not be blank");
    }

    @Test
    void subjectLongerThanSalesforceTakes_isAccepted_theMappingAdaptsIt() {
        assertThat(TaskValidation.validate(TaskFields.todo("s".repeat(300))).subject()).hasSize(300);
    }

    @Test
    void absurdlyLongValues_areRejected() {
        assertThatThrownBy(() -> TaskValidation.validate(TaskFields.todo("s".repeat(TaskValidation.MAX_SUBJECT + 1))))
                .isInstanceOf(InvalidTaskException.class);
        assertThatThrownBy(() -> TaskValidation.validate(TaskFields.todo("s")
                .with(Field.NOTES, "n".repeat(TaskValidation.MAX_NOTES + 1))))
                .isInstanceOf(InvalidTaskException.class);
    }

    @Test
    void whoAndWhat_mustBeSalesforceIds() {
        assertThatThrownBy(() -> TaskValidation.validate(TaskFields.todo("s").with(Field.WHO, "bob@example.com")))
                .isInstanceOf(InvalidTaskException.class).hasMessageContaining("who");
        assertThat(TaskValidation.validate(TaskFields.todo("s").with(Field.WHAT, "0015g0000000001AAA")).whatId())
                .isEqualTo("0015g0000000001AAA");
    }
}
