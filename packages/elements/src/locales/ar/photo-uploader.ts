import type { photoUploaderStrings } from '../../photo-uploader/photo-uploader.strings.js';
import type { TranslationOf } from '../../localization/message.js';

export const photoUploader: TranslationOf<typeof photoUploaderStrings> = {
  'uploader.add': 'اختر صورًا',
  'uploader.camera': 'التقط صورة',
  'uploader.drop': 'اسحب الصور إلى هنا أو الصقها.',
  'uploader.limits': {
    zero: 'لا يمكن إضافة صور.',
    one: 'صورة واحدة بحجم {size} على الأكثر.',
    two: 'صورتان، حجم كل منهما {size} على الأكثر.',
    few: 'حتى {count} صور، حجم كل منها {size} على الأكثر.',
    many: 'حتى {count} صورة، حجم كل منها {size} على الأكثر.',
    other: 'حتى {count} صورة، حجم كل منها {size} على الأكثر.',
  },
  'uploader.list': 'الصور المختارة',
  'uploader.remove': 'إزالة الصورة {name}',
  'uploader.uploading': 'جارٍ رفع {name}',
  'uploader.failed': 'تعذّر الرفع. {reason}',
  'uploader.refused.type': 'لم يُضَف {name}: اختر صورة بصيغة {types}.',
  'uploader.refused.size': 'لم يُضَف {name}: حجمه {size}، والحد الأقصى لحجم الصورة {max}.',
  'uploader.refused.count': {
    one: 'لم يُضَف {name}: يمكنك إضافة صورة واحدة فقط.',
    two: 'لم يُضَف {name}: يمكنك إضافة صورتين على الأكثر.',
    few: 'لم يُضَف {name}: يمكنك إضافة {count} صور على الأكثر.',
    other: 'لم يُضَف {name}: يمكنك إضافة {count} صورة على الأكثر.',
  },
  'uploader.announce.uploaded': 'تم رفع {name}.',
  'uploader.announce.failed': 'تعذّر رفع {name}.',
  'uploader.announce.removed': 'تمت إزالة {name}.',
  'uploader.announce.full': {
    one: 'بلغت الحد الأقصى: صورة واحدة.',
    two: 'بلغت الحد الأقصى: صورتان.',
    few: 'بلغت الحد الأقصى: {count} صور.',
    other: 'بلغت الحد الأقصى: {count} صورة.',
  },
  'uploader.invalid.missing': {
    one: 'أضف صورة واحدة على الأقل.',
    two: 'أضف صورتين على الأقل.',
    few: 'أضف {count} صور على الأقل.',
    other: 'أضف {count} صورة على الأقل.',
  },
  'uploader.invalid.over': {
    one: 'أبقِ صورة واحدة فقط.',
    two: 'أبقِ صورتين على الأكثر.',
    few: 'أبقِ {count} صور على الأكثر.',
    other: 'أبقِ {count} صورة على الأكثر.',
  },
  'uploader.invalid.busy': 'انتظر حتى يكتمل رفع كل الصور.',
  'uploader.invalid.failed': 'تعذّر رفع بعض الصور. أعد المحاولة أو أزِلها.',
};
