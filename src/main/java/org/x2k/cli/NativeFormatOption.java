package org.x2k.cli;

import java.util.Locale;
import org.x2k.nativecfg.XenConfig.Format;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converts {@code xl}, {@code xm} or {@code auto} (null: detect from the content). */
final class NativeFormatOption implements ITypeConverter<Format> {
  static final String DESCRIPTION =
      "Dialect of native Xen configs: xl, xm, or auto (the default), which tells them apart by what"
          + " only one of the two toolstacks reads; the report says why.";

  @Override
  public Format convert(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "xl" -> Format.XL;
      case "xm" -> Format.XM;
      case "auto" -> null;
      default -> throw new TypeConversionException("'" + value + "' is not xl, xm or auto");
    };
  }
}
