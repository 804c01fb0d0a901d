package io.gridwatch.detect;

import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.Complaint;
import java.util.EnumSet;
import java.util.Set;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/** A CEP condition: the complaint is of one of the given categories (e.g. a rule's dispute categories). */
final class CategoryIn extends SimpleCondition<Complaint> {

    private static final long serialVersionUID = 1L;

    private final Set<Category> categories;

    CategoryIn(Set<Category> categories) {
        this.categories = EnumSet.copyOf(categories);
    }

    @Override
    public boolean filter(Complaint complaint) {
        return categories.contains(complaint.category());
    }
}
