package io.gridwatch.common.event;

/**
 * What a complaint or patrol finding is about. Dispute categories (矛盾纠纷) are those that can repeat and escalate
 * between the same parties; the rest are public-service matters.
 */
public enum Category implements WireName {
    NEIGHBOR_DISPUTE("neighbor_dispute", "邻里纠纷", true),
    FAMILY_DISPUTE("family_dispute", "婚姻家庭纠纷", true),
    PROPERTY_MANAGEMENT("property_management", "物业纠纷", true),
    WAGE_ARREARS("wage_arrears", "欠薪纠纷", true),
    LAND_CONTRACT("land_contract", "土地承包纠纷", true),
    PHYSICAL_CONFLICT("physical_conflict", "肢体冲突", true),
    NOISE("noise", "噪音扰民", false),
    SANITATION("sanitation", "环境卫生", false),
    ILLEGAL_CONSTRUCTION("illegal_construction", "违章搭建", false),
    SAFETY_HAZARD("safety_hazard", "安全隐患", false),
    OTHER("other", "其他", false);

    private final String wireName;
    private final String label;
    private final boolean dispute;

    Category(String wireName, String label, boolean dispute) {
        this.wireName = wireName;
        this.label = label;
        this.dispute = dispute;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** The Chinese name shown to staff. */
    public String label() {
        return label;
    }

    /** Whether this is a dispute between parties (矛盾纠纷) rather than a public-service matter. */
    public boolean isDispute() {
        return dispute;
    }
}
