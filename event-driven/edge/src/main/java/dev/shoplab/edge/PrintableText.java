package dev.shoplab.edge;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.OptionalInt;

/**
 * The characters a text field of the API may hold: any Unicode text but control characters (the general category
 * Cc: U+0000–U+001F, U+007F–U+009F) and unpaired surrogates (half an UTF-16 pair, which no UTF-8 text can hold).
 * PostgreSQL refuses U+0000 in text (SQLSTATE 22021, "invalid byte sequence for encoding UTF8"), so a field that
 * reached the database with it could never be stored, and a retry could never succeed: the edge refuses it first,
 * with a 422 naming the field. {@code null} is valid (say {@code @NotBlank} where a field is required).
 */
@Documented
@Constraint(validatedBy = PrintableText.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface PrintableText {

    String message() default "must be printable text";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The rule, and the Bean Validation check behind the annotation. */
    final class Check implements ConstraintValidator<PrintableText, CharSequence> {

        /** The index (in UTF-16 units) of the first character a text field may not hold, or empty when there is none. */
        public static OptionalInt firstForbidden(CharSequence text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isISOControl(c)) {
                    return OptionalInt.of(i);
                }
                if (Character.isHighSurrogate(c)) {
                    if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                        i++;
                        continue;
                    }
                    return OptionalInt.of(i);
                }
                if (Character.isLowSurrogate(c)) {
                    return OptionalInt.of(i);
                }
            }
            return OptionalInt.empty();
        }

        /** What is wrong with {@code text}, for example {@code holds U+0000, a control character, at position 2}; null when nothing. */
        public static String whatIsWrong(CharSequence text) {
            OptionalInt at = firstForbidden(text);
            if (at.isEmpty()) {
                return null;
            }
            char c = text.charAt(at.getAsInt());
            String kind = Character.isISOControl(c) ? "a control character" : "half of a surrogate pair";
            return String.format("holds U+%04X, %s, at position %d: send printable text only", (int) c, kind,
                    at.getAsInt() + 1);
        }

        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            String wrong = value == null ? null : whatIsWrong(value);
            if (wrong == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(wrong.replace("{", "\\{").replace("$", "\\$"))
                    .addConstraintViolation();
            return false;
        }
    }
}
