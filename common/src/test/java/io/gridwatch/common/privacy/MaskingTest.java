package io.gridwatch.common.privacy;

import static io.gridwatch.common.testing.TestEvents.complaint;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.Complainant;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.Finding;
import io.gridwatch.common.event.Patrol;
import io.gridwatch.common.event.PatrolKind;
import io.gridwatch.common.event.Subject;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class MaskingTest {

    @Test
    void keepsThreeLeadingAndFourTrailingDigitsOfAPhone() {
        assertThat(Masking.phone("13812345678")).isEqualTo("138****5678");
        assertThat(Masking.phone(" 057188001234 ")).isEqualTo("057*****1234");
        // A landline keeps at most four digits in sight, never seven.
        assertThat(Masking.phone("88001234")).isEqualTo("****1234");
        assertThat(Masking.phone("5880123")).isEqualTo("*******");
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
    void masksPhoneIdentityAndCardNumbersInFreeText() {
        String text = "联系人手机13812345678，另一号码+86 139-8765-4321，座机0571-88001234或88001234，"
                + "身份证110101199003071234（另110101199003072X1X不是），银行卡6222 0212 3456 7890 128，订单号1234567890123456。";

        assertThat(Masking.text(text)).isEqualTo("联系人手机138****5678，另一号码139****4321，座机057*****1234或****1234，"
                + "身份证110***********1234（另110101199003072X1X不是），银行卡6222***********0128，订单号1234567890123456。");
    }

    @Test
    void leavesTextWithoutPersonalNumbersAsItIs() {
        String text = "3栋2单元1102室楼上漏水，2026年12月1日起已持续3天，涉及住户约120户";

        assertThat(Masking.text(text)).isEqualTo(text);
        assertThat(Masking.text(null)).isNull();
    }

    @Test
    void masksTheFreeTextOfComplaintsAndPatrols() {
        Complaint complaint = complaint("C-1").subject(new Subject("幸福里3栋，电话13512345678", "P-1"))
                .text("请回电13512345678").complainant("王小明", "13987654321").build();
        Patrol patrol = new Patrol("P-1", "G-1", "W-1", complaint.occurredAt(), PatrolKind.VISIT, null,
                List.of(new Finding(Category.NOISE, 2, "住户身份证110101199003071234")), complaint.location());

        Complaint masked = (Complaint) Masking.event(complaint);
        assertThat(masked.subject().address()).isEqualTo("幸福里3栋，电话135****5678");
        assertThat(masked.text()).isEqualTo("请回电135****5678");
        assertThat(((Patrol) Masking.event(patrol)).findings()).singleElement()
                .extracting(Finding::note).isEqualTo("住户身份证110***********1234");
    }

    @Test
    void masksTheComplainantOfAComplaintAndNothingElse() {
        Complaint complaint = complaint("C-1").complainant("王小明", "13987654321").build();

        Complaint masked = (Complaint) Masking.event(complaint);

        assertThat(masked.complainant()).isEqualTo(new Complainant("王*", "139****4321"));
        assertThat(masked).usingRecursiveComparison().ignoringFields("complainant").isEqualTo(complaint);
    }
}
