package io.gridwatch.common.privacy;

import static io.gridwatch.common.testing.TestEvents.complaint;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.Complainant;
import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void keepsThreeLeadingAndFourTrailingDigitsOfAPhone() {
        assertThat(Masking.phone("13812345678")).isEqualTo("138****5678");
        assertThat(Masking.phone(" 057188001234 ")).isEqualTo("057****1234");
        assertThat(Masking.phone("110")).isEqualTo("***");
        assertThat(Masking.phone(null)).isNull();
    }

    @Test
    void keepsTheFirstCharacterOfAName() {
        assertThat(Masking.name("张三丰")).isEqualTo("张*");
        assertThat(Masking.name("Li Lei")).isEqualTo("L*");
        assertThat(Masking.name("𠮷野家")).isEqualTo("𠮷*");
        assertThat(Masking.name(null)).isNull();
    }

    @Test
    void masksTheComplainantOfAComplaintAndNothingElse() {
        Complaint complaint = complaint("C-1").complainant("王小明", "13987654321").build();

        Complaint masked = (Complaint) Masking.event(complaint);

        assertThat(masked.complainant()).isEqualTo(new Complainant("王*", "139****4321"));
        assertThat(masked).usingRecursiveComparison().ignoringFields("complainant").isEqualTo(complaint);
    }
}
