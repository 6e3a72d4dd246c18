import type { commonStrings } from '../../localization/common.strings.js';
import type { TranslationOf } from '../../localization/message.js';

export const common: TranslationOf<typeof commonStrings> = {
  'common.loading': 'جارٍ التحميل…',
  'common.retry': 'أعد المحاولة',
  'common.back': 'رجوع',
  'common.continue': 'متابعة',
  'common.cancel': 'إلغاء',
  'common.close': 'إغلاق',
  'common.required': 'مطلوب',
  'common.charactersLeft': { zero: 'لم يتبقَّ أي حرف', one: 'تبقّى حرف واحد', two: 'تبقّى حرفان', few: 'تبقّت {count} أحرف', many: 'تبقّى {count} حرفًا', other: 'تبقّى {count} حرف' },
  'common.tooLong': 'استخدم {max} حرفًا على الأكثر.',
  'error.network': 'تعذّر الوصول إلى الخادم. تحقّق من اتصالك ثم أعد المحاولة.',
  'error.timeout': 'استغرق الخادم وقتًا طويلًا للرد. أعد المحاولة.',
  'error.aborted': 'أُلغي الطلب.',
  'error.unauthorized': 'انتهت جلستك. أعد تحميل الصفحة لتسجيل الدخول من جديد.',
  'error.forbidden': 'لا يُسمح لك بهذا الإجراء لهذا الطلب.',
  'error.not-found': 'لم نعثر على هذا الطلب.',
  'error.conflict': 'غيّر شخص آخر هذه الحالة في الأثناء. تُعرض الآن آخر حالة لها.',
  'error.validation': 'لم تُقبل بعض الإجابات. راجع الحقول المميّزة.',
  'error.server': 'حدث خطأ من جهتنا. أعد المحاولة بعد قليل.',
  'error.malformed': 'أرسل الخادم ردًّا تعذّرت قراءته. أعد المحاولة لاحقًا.',
  'error.generic': 'حدث خطأ ما. أعد المحاولة.',
  'error.configuration': 'هذه الأداة غير مُعدّة: تحتاج إلى رقم طلب وعنوان واجهة برمجية أو عميل.',
  'error.invalid-tree': 'هذا النموذج غير مُعدّ بشكل صحيح ولا يمكن استخدامه. يُرجى التواصل مع المتجر.',
  'error.dispute-mismatch': 'تتعلّق هذه الصفحة بحالة غير الحالة المفتوحة على هذا الطلب. أعد فتح الصفحة من طلبك.',
  'live.updated': 'حُدّثت هذه الحالة.',
};
