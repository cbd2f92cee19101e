import type { LocalizedText } from './locale.js';

export interface ErrorDefinition {
  /** The HTTP status the API answers with; kept here so that one table says everything about a code. */
  readonly httpStatus: number;
  readonly message: LocalizedText;
}

/**
 * Every error a user can cause, by stable code. Codes are part of the API contract: never rename
 * one; add a new code instead. Messages are full sentences a citizen can act on.
 */
export const ErrorCatalogue = {
  MALFORMED_JSON: {
    httpStatus: 400,
    message: {
      kk: 'Сұраудың денесі дұрыс JSON емес.',
      ru: 'Тело запроса не является корректным JSON.',
      en: 'The request body is not valid JSON.',
    },
  },
  EMPTY_BODY: {
    httpStatus: 400,
    message: {
      kk: 'Сұраудың денесі бос, бірақ JSON түрі көрсетілген.',
      ru: 'Тело запроса пустое, хотя указан тип JSON.',
      en: 'The request body is empty although JSON was declared.',
    },
  },
  BAD_REQUEST: {
    httpStatus: 400,
    message: {
      kk: 'Сұрау дұрыс құрастырылмаған.',
      ru: 'Запрос составлен неверно.',
      en: 'The request is malformed.',
    },
  },
  VALIDATION_FAILED: {
    httpStatus: 400,
    message: {
      kk: 'Сұрауда жарамсыз өрістер бар. Толығырақ — details бөлімінде.',
      ru: 'В запросе есть недопустимые поля. Подробности — в разделе details.',
      en: 'The request has invalid fields. See details.',
    },
  },
  ROUTE_NOT_FOUND: {
    httpStatus: 404,
    message: {
      kk: 'API-де мұндай мекенжай жоқ.',
      ru: 'Такого адреса в API нет.',
      en: 'There is no such address in the API.',
    },
  },
  PAYLOAD_TOO_LARGE: {
    httpStatus: 413,
    message: {
      kk: 'Сұраудың денесі рұқсат етілген көлемнен асып кетті.',
      ru: 'Тело запроса превышает допустимый размер.',
      en: 'The request body is larger than allowed.',
    },
  },
  UNSUPPORTED_MEDIA_TYPE: {
    httpStatus: 415,
    message: {
      kk: 'Мұнда бұл мазмұн түрі қабылданбайды: application/json пайдаланыңыз.',
      ru: 'Этот тип содержимого здесь не принимается: используйте application/json.',
      en: 'This content type is not accepted here: use application/json.',
    },
  },
  INTERNAL_ERROR: {
    httpStatus: 500,
    message: {
      kk: 'Біз жақта қате орын алды. Сұрау орындалған жоқ; кейінірек қайталап көріңіз.',
      ru: 'На нашей стороне произошла ошибка. Запрос не выполнен; повторите позже.',
      en: 'Something went wrong on our side. The request was not carried out; try again later.',
    },
  },
  NOT_READY: {
    httpStatus: 503,
    message: {
      kk: 'Қызмет әзірге дайын емес: дерекқор қолжетімсіз немесе жаңартылмаған.',
      ru: 'Сервис пока не готов: база данных недоступна или не обновлена.',
      en: 'The service is not ready: the database is unreachable or not migrated.',
    },
  },
  RATE_LIMITED: {
    httpStatus: 429,
    message: {
      kk: 'Осы мекенжайдан сұраулар тым көп келді. Біраз күтіп, қайталап көріңіз.',
      ru: 'Слишком много запросов с этого адреса. Подождите немного и повторите попытку.',
      en: 'Too many requests from this address. Wait a little and try again.',
    },
  },
  SHUTTING_DOWN: {
    httpStatus: 503,
    message: {
      kk: 'Сервер қайта іске қосылып жатыр; сұрауды сәлден соң қайталаңыз.',
      ru: 'Сервер перезапускается; повторите запрос через несколько секунд.',
      en: 'The server is restarting; repeat the request in a few seconds.',
    },
  },
  REGULATION_NOT_FOUND: {
    httpStatus: 404,
    message: {
      kk: 'Мұндай регламент нұсқасы жоқ.',
      ru: 'Такой версии регламента нет.',
      en: 'There is no such regulation version.',
    },
  },
  REQUEST_KIND_NOT_OFFERED: {
    httpStatus: 404,
    message: {
      kk: 'Бұл регламент мұндай өтініш түрін қарастырмайды.',
      ru: 'Этот регламент не предусматривает такой вид заявления.',
      en: 'This regulation does not offer this kind of request.',
    },
  },
  IDENTIFIER_NOT_TWELVE_DIGITS: {
    httpStatus: 422,
    message: {
      kk: 'ЖСН немесе БСН дәл 12 цифрдан тұрады.',
      ru: 'ИИН или БИН состоит ровно из 12 цифр.',
      en: 'An IIN or BIN has exactly 12 digits.',
    },
  },
  IDENTIFIER_UNKNOWN_KIND: {
    httpStatus: 422,
    message: {
      kk: 'Бесінші цифр ЖСН-ге де, БСН-ге де сәйкес келмейді.',
      ru: 'Пятая цифра не подходит ни для ИИН, ни для БИН.',
      en: 'The fifth digit fits neither an IIN nor a BIN.',
    },
  },
  IDENTIFIER_WRONG_KIND: {
    httpStatus: 422,
    message: {
      kk: 'Бұл басқа түрдегі нөмір: ЖСН орнына БСН немесе керісінше.',
      ru: 'Это номер другого вида: БИН вместо ИИН или наоборот.',
      en: 'This is a number of the other kind: a BIN instead of an IIN or the reverse.',
    },
  },
  IDENTIFIER_CONTROL_DIGIT_UNDEFINED: {
    httpStatus: 422,
    message: {
      kk: 'Бірде-бір ЖСН не БСН бұл он бір цифрдан басталмайды: бақылау мәні екі есептеуде де 10-ға тең.',
      ru: 'Ни один ИИН или БИН не начинается с этих одиннадцати цифр: контрольное значение равно 10 в обоих расчётах.',
      en: 'No IIN or BIN starts with these eleven digits: the control value is 10 in both passes.',
    },
  },
  IDENTIFIER_CONTROL_DIGIT_MISMATCH: {
    httpStatus: 422,
    message: {
      kk: 'Бақылау цифры сәйкес келмейді: нөмірде қате жоқ па, тексеріңіз.',
      ru: 'Контрольная цифра не совпадает: проверьте номер на опечатку.',
      en: 'The control digit does not match: check the number for a typo.',
    },
  },
  IIN_INVALID_CENTURY_DIGIT: {
    httpStatus: 422,
    message: {
      kk: 'ЖСН-нің жетінші цифры 1-ден 6-ға дейін болуы керек (туған ғасыры мен жынысы).',
      ru: 'Седьмая цифра ИИН должна быть от 1 до 6 (век рождения и пол).',
      en: 'The seventh digit of an IIN must be 1 to 6 (century of birth and sex).',
    },
  },
  IIN_INVALID_BIRTH_DATE: {
    httpStatus: 422,
    message: {
      kk: 'ЖСН-нің алғашқы алты цифры шын туған күнді білдірмейді.',
      ru: 'Первые шесть цифр ИИН не образуют существующую дату рождения.',
      en: 'The first six digits of an IIN are not a real date of birth.',
    },
  },
  BIN_INVALID_REGISTRATION_MONTH: {
    httpStatus: 422,
    message: {
      kk: 'БСН-нің 3–4 цифрлары тіркелген айды білдіруі керек: 01-ден 12-ге дейін.',
      ru: 'Цифры 3–4 БИН должны означать месяц регистрации: от 01 до 12.',
      en: 'Digits 3–4 of a BIN must be the month of registration: 01 to 12.',
    },
  },
  BIN_INVALID_DIVISION: {
    httpStatus: 422,
    message: {
      kk: 'БСН-нің алтыншы цифры 0-ден 3-ке дейін болуы керек (бас ұйым, филиал, өкілдік, бірлескен шаруа қожалығы).',
      ru: 'Шестая цифра БИН должна быть от 0 до 3 (головная организация, филиал, представительство, совместное крестьянское хозяйство).',
      en: 'The sixth digit of a BIN must be 0 to 3 (head office, branch, representative office, joint peasant farm).',
    },
  },
  CALENDAR_OUT_OF_RANGE: {
    httpStatus: 422,
    message: {
      kk: 'Бұл күн жұмыс күнтізбесі қамтитын жылдардан тыс.',
      ru: 'Эта дата вне лет, которые охватывает производственный календарь.',
      en: 'This date is outside the years the working calendar covers.',
    },
  },
  INVALID_INSTANT: {
    httpStatus: 400,
    message: {
      kk: 'Уақыт ISO 8601 пішімінде уақыт белдеуінің ығысуымен жазылуы керек, мысалы 2026-03-02T17:45:00+05:00.',
      ru: 'Момент времени нужно записать в формате ISO 8601 со смещением часового пояса, например 2026-03-02T17:45:00+05:00.',
      en: 'An instant must be written as ISO 8601 with a zone offset, e.g. 2026-03-02T17:45:00+05:00.',
    },
  },
  APPLICATION_NOT_FOUND: {
    httpStatus: 404,
    message: {
      kk: 'Мұндай өтініш жоқ.',
      ru: 'Такого заявления нет.',
      en: 'There is no such application.',
    },
  },
  APPLICATION_ALREADY_EXISTS: {
    httpStatus: 409,
    message: {
      kk: 'Осы нөмірмен өтініш бұрыннан бар.',
      ru: 'Заявление с таким номером уже существует.',
      en: 'An application with this number already exists.',
    },
  },
  REGULATION_NOT_IN_FORCE: {
    httpStatus: 422,
    message: {
      kk: 'Өтініш түскен күні регламенттің бұл нұсқасы күшінде болмаған.',
      ru: 'На дату поступления заявления эта версия регламента не действовала.',
      en: 'This regulation version was not in force on the date the application was received.',
    },
  },
  CHANNEL_NOT_OFFERED: {
    httpStatus: 422,
    message: {
      kk: 'Бұл көрсетілетін қызмет осы арна арқылы ұсынылмайды.',
      ru: 'Эта услуга не оказывается через данный канал.',
      en: 'This service is not offered through this channel.',
    },
  },
  APPLICANT_KIND_NOT_ALLOWED: {
    httpStatus: 422,
    message: {
      kk: 'Бұл көрсетілетін қызметті өтініш берушінің мұндай түрі ала алмайды.',
      ru: 'Заявитель такого вида не может получить эту услугу.',
      en: 'An applicant of this kind cannot receive this service.',
    },
  },
  APPLICATION_CLOSED: {
    httpStatus: 409,
    message: {
      kk: 'Өтініш бойынша іс жүргізу аяқталған: нәтиже берілген немесе өтініш кері қайтарылған.',
      ru: 'Работа по заявлению завершена: результат выдан или заявление отозвано.',
      en: 'Work on this application has ended: the result was given or the application was withdrawn.',
    },
  },
  STEP_NOT_OPEN: {
    httpStatus: 409,
    message: {
      kk: 'Бұл қадам қазір орындалмайды: өтініш басқа қадамда тұр.',
      ru: 'Этот шаг сейчас не выполняется: заявление находится на другом шаге.',
      en: 'This step is not open now: the application is at another step.',
    },
  },
  ROLE_NOT_ALLOWED: {
    httpStatus: 403,
    message: {
      kk: 'Бұл әрекетті сіздің рөліңіз орындай алмайды.',
      ru: 'Ваша роль не может выполнить это действие.',
      en: 'Your role may not perform this action.',
    },
  },
  OUTCOME_NOT_DEFINED: {
    httpStatus: 422,
    message: {
      kk: 'Регламент бұл қадам үшін мұндай нәтижені қарастырмайды.',
      ru: 'Регламент не предусматривает такого исхода для этого шага.',
      en: 'The regulation defines no such outcome for this step.',
    },
  },
  STALE_VERSION: {
    httpStatus: 409,
    message: {
      kk: 'Өтінішті басқа біреу өзгертіп үлгерді. Жаңартып, әрекетті қайталаңыз.',
      ru: 'Заявление уже изменил кто-то другой. Обновите его и повторите действие.',
      en: 'Someone else has changed the application meanwhile. Refresh it and try again.',
    },
  },
  TRANSACTION_ID_REUSED: {
    httpStatus: 409,
    message: {
      kk: 'Бұл транзакция идентификаторы басқа әрекет үшін қолданылған.',
      ru: 'Этот идентификатор транзакции уже использован для другого действия.',
      en: 'This transaction id was already used for a different action.',
    },
  },
  AUTHORITY_NOT_COMPETENT: {
    httpStatus: 403,
    message: {
      kk: 'Бұл өтінішті басқа уәкілетті орган қарайды.',
      ru: 'Это заявление рассматривает другой уполномоченный орган.',
      en: 'Another authority is competent for this application.',
    },
  },
  NOT_WAITING_ON_APPLICANT: {
    httpStatus: 409,
    message: {
      kk: 'Өтініш өтініш берушіні күтіп тұрған жоқ, сондықтан оны жалғастыру мүмкін емес.',
      ru: 'Заявление не ожидает заявителя, поэтому возобновить его нельзя.',
      en: 'The application is not waiting on the applicant, so it cannot be resumed.',
    },
  },
  WAITING_ON_APPLICANT: {
    httpStatus: 409,
    message: {
      kk: 'Өтініш өтініш берушіні күтуде: мерзім тоқтатылған, алдымен іс жүргізуді жалғастырыңыз.',
      ru: 'Заявление ожидает заявителя: срок приостановлен, сначала возобновите работу.',
      en: 'The application is waiting on the applicant: the term is stopped; resume it first.',
    },
  },
  EXTERNAL_CHECK_NOT_PENDING: {
    httpStatus: 409,
    message: {
      kk: 'Бұл қадамда жауап күтілетін сыртқы сұрау жоқ.',
      ru: 'На этом шаге нет внешнего запроса, ожидающего ответа.',
      en: 'There is no outside request awaiting an answer at this step.',
    },
  },
  EXTERNAL_CHECK_PENDING: {
    httpStatus: 409,
    message: {
      kk: 'Қадам сыртқы жүйенің жауабын күтуде.',
      ru: 'Шаг ожидает ответа внешней системы.',
      en: 'The step is waiting for the answer of an outside system.',
    },
  },
  KEY_FILE_NOT_PKCS12: {
    httpStatus: 422,
    message: {
      kk: 'Бұл файл ЭЦҚ кілтінің файлы емес (PKCS#12, .p12).',
      ru: 'Этот файл не является файлом ключа ЭЦП (PKCS#12, .p12).',
      en: 'This file is not a digital-signature key file (PKCS#12, .p12).',
    },
  },
  KEY_FILE_WRONG_PASSWORD: {
    httpStatus: 422,
    message: {
      kk: 'Кілт файлының құпиясөзі дұрыс емес (немесе файл зақымдалған).',
      ru: 'Неверный пароль к файлу ключа (или файл повреждён).',
      en: 'The password of the key file is wrong (or the file is damaged).',
    },
  },
  KEY_FILE_UNSUPPORTED: {
    httpStatus: 422,
    message: {
      kk: 'Кілт файлы ескі әдіспен шифрланған (3DES/RC2) немесе қолдау көрсетілмейтін түрде жасалған; оны қазіргі әдіспен (AES) қайта экспорттаңыз.',
      ru: 'Файл ключа зашифрован устаревшим способом (3DES/RC2) или в неподдерживаемом виде; переэкспортируйте его современным способом (AES).',
      en: 'The key file is encrypted the legacy way (3DES/RC2) or in a form not supported; export it again with modern encryption (AES).',
    },
  },
  KEY_FILE_WITHOUT_KEY: {
    httpStatus: 422,
    message: {
      kk: 'Кілт файлында жабық кілт пен оның сертификаты жоқ.',
      ru: 'В файле ключа нет закрытого ключа и его сертификата.',
      en: 'The key file holds no private key with its certificate.',
    },
  },
  NCALAYER_UNAVAILABLE: {
    httpStatus: 503,
    message: {
      kk: 'NCALayer жауап бермейді: оны іске қосыңыз немесе кілт файлын таңдаңыз.',
      ru: 'NCALayer не отвечает: запустите его или выберите файл ключа.',
      en: 'NCALayer does not answer: start it, or choose a key file.',
    },
  },
  NCALAYER_FAILED: {
    httpStatus: 502,
    message: {
      kk: 'NCALayer қол қоя алмады; толығырақ оның хабарламасында.',
      ru: 'NCALayer не смог подписать; подробности в его сообщении.',
      en: 'NCALayer could not sign; its message says why.',
    },
  },
  SIGNING_CANCELLED: {
    httpStatus: 409,
    message: {
      kk: 'Қол қою тоқтатылды: кілт таңдалмады.',
      ru: 'Подписание отменено: ключ не выбран.',
      en: 'Signing was cancelled: no key was chosen.',
    },
  },
  GATEWAY_UNAVAILABLE: {
    httpStatus: 503,
    message: {
      kk: 'Мемлекеттік жүйе қазір жауап бермейді; сұрау кейінірек қайталанады.',
      ru: 'Государственная система сейчас не отвечает; запрос будет повторён позже.',
      en: 'A state system is not answering now; the request will be repeated later.',
    },
  },
  DATABASE_UNAVAILABLE: {
    httpStatus: 503,
    message: {
      kk: 'Дерекқор уақытша қолжетімсіз. Сұрауды сәлден соң қайталаңыз.',
      ru: 'База данных временно недоступна. Повторите запрос через несколько секунд.',
      en: 'The database is unavailable for a moment. Repeat the request in a few seconds.',
    },
  },
  GATEWAY_REFUSED: {
    httpStatus: 502,
    message: {
      kk: 'Мемлекеттік жүйе сұрауды қабылдамады.',
      ru: 'Государственная система отклонила запрос.',
      en: 'A state system refused the request.',
    },
  },
  PERSON_NOT_FOUND: {
    httpStatus: 404,
    message: {
      kk: 'Бұл ЖСН бойынша жеке тұлға «Жеке тұлғалар» мемлекеттік деректер қорында табылмады.',
      ru: 'Физическое лицо с этим ИИН не найдено в государственной базе данных «Физические лица».',
      en: 'No person with this IIN is in the state database of persons.',
    },
  },
  ENTITY_NOT_FOUND: {
    httpStatus: 404,
    message: {
      kk: 'Бұл БСН бойынша заңды тұлға «Заңды тұлғалар» мемлекеттік деректер қорында табылмады.',
      ru: 'Юридическое лицо с этим БИН не найдено в государственной базе данных «Юридические лица».',
      en: 'No legal entity with this BIN is in the state database of legal entities.',
    },
  },
  MCI_UNKNOWN: {
    httpStatus: 422,
    message: {
      kk: 'Бұл күнге айлық есептік көрсеткіштің мәні белгісіз.',
      ru: 'Значение месячного расчётного показателя на эту дату неизвестно.',
      en: 'The value of the monthly calculation index on this date is not known.',
    },
  },
  FEE_NOT_DUE: {
    httpStatus: 422,
    message: {
      kk: 'Бұл өтініш түрі үшін алым төленбейді.',
      ru: 'За этот вид заявления сбор не взимается.',
      en: 'No fee is due for this kind of request.',
    },
  },
  PAYMENT_NOT_FOUND: {
    httpStatus: 404,
    message: {
      kk: 'Мұндай төлем шоты жоқ.',
      ru: 'Такого счёта на оплату нет.',
      en: 'There is no such invoice.',
    },
  },
  PAYMENT_CALLBACK_FORGED: {
    httpStatus: 401,
    message: {
      kk: 'Төлем туралы хабарламаның қолтаңбасы жарамсыз; ол қабылданбады.',
      ru: 'Подпись уведомления об оплате недействительна; оно не принято.',
      en: 'The payment notice is not correctly signed; it was not accepted.',
    },
  },
  DRAFT_NOT_FOUND: {
    httpStatus: 404,
    message: {
      kk: 'Мұндай өтініш жобасы жоқ.',
      ru: 'Такого черновика заявления нет.',
      en: 'There is no such draft.',
    },
  },
  DRAFT_SUBMITTED: {
    httpStatus: 409,
    message: {
      kk: 'Бұл жоба өтініш ретінде жіберіліп қойған; оны өзгертуге болмайды.',
      ru: 'Этот черновик уже подан как заявление; изменить его нельзя.',
      en: 'This draft has been submitted already; it can no longer change.',
    },
  },
  DRAFT_CHANGED: {
    httpStatus: 409,
    message: {
      kk: 'Жоба қол қойылғаннан кейін өзгерді; сұратуға қайта қол қойыңыз.',
      ru: 'Черновик изменился после подписания; подпишите запрос заново.',
      en: 'The draft changed after it was signed; sign the request again.',
    },
  },
  FEE_NOT_INVOICED: {
    httpStatus: 422,
    message: {
      kk: 'Алдымен алымға шот ашыңыз: қол қойылатын сұрату төлемге сілтейді.',
      ru: 'Сначала выставьте счёт на сбор: подписываемый запрос ссылается на оплату.',
      en: 'Invoice the fee first: the request you sign names its payment.',
    },
  },
  FORM_INVALID: {
    httpStatus: 422,
    message: {
      kk: 'Нысанның кейбір өрістері дұрыс толтырылмаған; әр өрістің жанында түсініктеме бар.',
      ru: 'Некоторые поля формы заполнены неверно; пояснение — у каждого поля.',
      en: 'Some fields of the form are not filled in correctly; each says why.',
    },
  },
  NOT_ACTING_FOR_COMPANY: {
    httpStatus: 403,
    message: {
      kk: 'Сіздің кілтіңіз бұл ұйымның атынан әрекет етуге құқық бермейді.',
      ru: 'Ваш ключ не даёт права действовать от имени этой организации.',
      en: 'Your key does not let you act for this company.',
    },
  },
  PORTAL_REFUSED: {
    httpStatus: 422,
    message: {
      kk: 'Сұратылған қызметтен бас тартылды.',
      ru: 'В запрашиваемой услуге отказано.',
      en: 'The service is refused.',
    },
  },
  SIGNATURE_MALFORMED: {
    httpStatus: 422,
    message: {
      kk: 'Қолтаңба зақымдалған немесе толық емес: бұл CMS (DER) құрылымы емес.',
      ru: 'Подпись повреждена или неполна: это не структура CMS (DER).',
      en: 'The signature is damaged or incomplete: it is not a CMS (DER) structure.',
    },
  },
  SIGNATURE_CONTENT_MISMATCH: {
    httpStatus: 422,
    message: {
      kk: 'Қолтаңба басқа мазмұнға қойылған: құжат қол қойылғаннан кейін өзгерген.',
      ru: 'Подпись относится к другому содержимому: документ изменён после подписания.',
      en: 'The signature covers other content: the document was changed after signing.',
    },
  },
  SIGNATURE_INVALID: {
    httpStatus: 422,
    message: {
      kk: 'Қолтаңбаның мәні сертификаттағы кілтпен тексерілмейді.',
      ru: 'Значение подписи не проверяется ключом из сертификата.',
      en: "The signature value does not verify with the certificate's key.",
    },
  },
  CERTIFICATE_UNTRUSTED: {
    httpStatus: 422,
    message: {
      kk: 'Сертификатты сенімді куәландырушы орталық бермеген.',
      ru: 'Сертификат выдан не доверенным удостоверяющим центром.',
      en: 'The certificate was not issued by a trusted certification authority.',
    },
  },
  CERTIFICATE_EXPIRED: {
    httpStatus: 422,
    message: {
      kk: 'Сертификаттың қолданылу мерзімі қол қойылған сәтте өтіп кеткен.',
      ru: 'Срок действия сертификата истёк на момент подписания.',
      en: 'The certificate had expired at the time of signing.',
    },
  },
  CERTIFICATE_NOT_YET_VALID: {
    httpStatus: 422,
    message: {
      kk: 'Сертификат қол қойылған сәтте әлі күшіне енбеген.',
      ru: 'Сертификат ещё не действовал на момент подписания.',
      en: 'The certificate was not yet valid at the time of signing.',
    },
  },
  CERTIFICATE_REVOKED: {
    httpStatus: 422,
    message: {
      kk: 'Сертификат кері қайтарылған.',
      ru: 'Сертификат отозван.',
      en: 'The certificate has been revoked.',
    },
  },
  REVOCATION_UNKNOWN: {
    httpStatus: 503,
    message: {
      kk: 'Сертификаттың кері қайтарылмағанын қазір тексеру мүмкін емес (OCSP да, CRL да жауап бермейді). Кейінірек қайталаңыз.',
      ru: 'Сейчас невозможно проверить, не отозван ли сертификат (не отвечают ни OCSP, ни CRL). Повторите позже.',
      en: 'Whether the certificate is revoked cannot be checked now (neither OCSP nor the CRL answers). Try again later.',
    },
  },
  KEY_PURPOSE_MISMATCH: {
    httpStatus: 422,
    message: {
      kk: 'Кілт басқа мақсатқа арналған: қол қою үшін қол қою кілті (SIGN), кіру үшін аутентификация кілті (AUTH) керек.',
      ru: 'Ключ предназначен для другой цели: для подписи нужен ключ подписи (SIGN), для входа — ключ аутентификации (AUTH).',
      en: 'The key is meant for another purpose: signing needs a signing key (SIGN), sign-in an authentication key (AUTH).',
    },
  },
  SIGNER_MISMATCH: {
    httpStatus: 422,
    message: {
      kk: 'Қолтаңба басқа тұлғаға тиесілі: сертификаттағы ЖСН/БСН өтініш берушінікімен сәйкес келмейді.',
      ru: 'Подпись принадлежит другому лицу: ИИН/БИН в сертификате не совпадает с заявителем.',
      en: 'The signature belongs to someone else: the IIN/BIN in the certificate does not match the applicant.',
    },
  },
  SIGN_IN_CHALLENGE_UNKNOWN: {
    httpStatus: 401,
    message: {
      kk: 'Кіру сұрауы табылмады: жаңа сұрау алып, оған қайта қол қойыңыз.',
      ru: 'Запрос на вход не найден: получите новый и подпишите его снова.',
      en: 'The sign-in challenge is unknown: get a new one and sign it again.',
    },
  },
  SIGN_IN_CHALLENGE_EXPIRED: {
    httpStatus: 401,
    message: {
      kk: 'Кіру сұрауының мерзімі өтіп кетті: жаңа сұрау алып, оған қайта қол қойыңыз.',
      ru: 'Срок запроса на вход истёк: получите новый и подпишите его снова.',
      en: 'The sign-in challenge has expired: get a new one and sign it again.',
    },
  },
  SIGN_IN_CHALLENGE_USED: {
    httpStatus: 401,
    message: {
      kk: 'Бұл кіру сұрауы бұрын қолданылған: әр кіруге жаңа сұрау керек.',
      ru: 'Этот запрос на вход уже использован: для каждого входа нужен новый.',
      en: 'This sign-in challenge was already used: each sign-in needs a new one.',
    },
  },
  SESSION_REQUIRED: {
    httpStatus: 401,
    message: {
      kk: 'Жүйеге ЭЦҚ кілтімен кіріңіз.',
      ru: 'Войдите в систему с ключом ЭЦП.',
      en: 'Sign in with your digital-signature key.',
    },
  },
  FOUR_EYES: {
    httpStatus: 403,
    message: {
      kk: 'Шешімнің жобасын дайындаған адам оны келісе де, оған қол қоя да алмайды.',
      ru: 'Тот, кто подготовил проект решения, не может ни согласовать, ни подписать его.',
      en: 'Whoever drafted the decision may neither agree nor sign it.',
    },
  },
  STAFF_ONLY: {
    httpStatus: 403,
    message: {
      kk: 'Бұл бөлім тек лицензиар органның қызметкерлеріне арналған.',
      ru: 'Этот раздел доступен только сотрудникам лицензиара.',
      en: 'This part is for the staff of a licensing authority only.',
    },
  },
  OPERATOR_ONLY: {
    httpStatus: 403,
    message: {
      kk: 'Бұл бөлім тек халыққа қызмет көрсету орталығының операторларына арналған.',
      ru: 'Этот раздел доступен только операторам центра обслуживания населения.',
      en: 'This part is for the operators of a citizen service centre only.',
    },
  },
  ADMINISTRATOR_ONLY: {
    httpStatus: 403,
    message: {
      kk: 'Бұл бөлім тек жүйе әкімшілеріне арналған.',
      ru: 'Этот раздел доступен только администраторам системы.',
      en: "This part is for the system's administrators only.",
    },
  },
  ORGANISATION_AMBIGUOUS: {
    httpStatus: 400,
    message: {
      kk: 'Сіз бірнеше ұйымда жұмыс істейсіз: қай ұйымның атынан әрекет ететініңізді таңдаңыз.',
      ru: 'Вы работаете в нескольких организациях: выберите, от имени какой вы действуете.',
      en: 'You work at several organisations: choose the one you are acting for.',
    },
  },
  STAFF_MEMBER_NOT_FOUND: {
    httpStatus: 404,
    message: {
      kk: 'Мұндай қызметкер сіздің ұйымыңызда табылмады.',
      ru: 'Такой сотрудник в вашей организации не найден.',
      en: 'No such staff member at your organisation.',
    },
  },
  ASSIGNEE_NOT_ELIGIBLE: {
    httpStatus: 422,
    message: {
      kk: 'Бұл қызметкердің осы қадамды орындайтын рөлі жоқ немесе ол басқа органда жұмыс істейді.',
      ru: 'У этого сотрудника нет роли для этого шага, или он работает в другом органе.',
      en: 'This staff member holds no role for this step or works at another authority.',
    },
  },
  STEP_ASSIGNED_TO_ANOTHER: {
    httpStatus: 403,
    message: {
      kk: 'Бұл қадам басқа қызметкерге тағайындалған; оны тек сол қызметкер немесе оның орнындағы адам орындай алады.',
      ru: 'Этот шаг назначен другому сотруднику; выполнить его может только он или его замещающий.',
      en: 'This step is assigned to another staff member; only they or their substitute may act on it.',
    },
  },
  REASONS_REQUIRED: {
    httpStatus: 422,
    message: {
      kk: 'Бас тарту немесе қайтару себептерін жазыңыз: өтініш беруші оларды уәжді жауаптан оқиды.',
      ru: 'Укажите причины отказа или возврата: заявитель прочтёт их в мотивированном ответе.',
      en: 'State the reasons for the refusal or return: the applicant reads them in the motivated answer.',
    },
  },
  DELEGATION_INVALID: {
    httpStatus: 422,
    message: {
      kk: 'Өкілеттікті беру мүмкін емес: орынбасар сол органда жұмыс істеуі керек, ал мерзім бүгіннен басталып, 90 күннен аспауы тиіс.',
      ru: 'Передать полномочия нельзя: замещающий должен работать в том же органе, а срок должен начинаться не раньше сегодняшнего дня и длиться не более 90 дней.',
      en: 'The delegation cannot be made: the substitute must work at the same authority, and the period must start no earlier than today and last at most 90 days.',
    },
  },
  DELEGATION_NOT_FOUND: {
    httpStatus: 404,
    message: {
      kk: 'Мұндай өкілеттікті беру табылмады.',
      ru: 'Такая передача полномочий не найдена.',
      en: 'No such delegation.',
    },
  },
  INTAKE_REFUSED: {
    httpStatus: 422,
    message: {
      kk: 'Өтінішті қабылдаудан регламент бойынша бас тартылды.',
      ru: 'В приёме заявления отказано по регламенту.',
      en: 'The application is not accepted, as the regulation provides.',
    },
  },
  PERSON_DECEASED: {
    httpStatus: 422,
    message: {
      kk: 'Мемлекеттік дерекқор бойынша бұл адам қайтыс болған: оның атынан өтініш қабылданбайды.',
      ru: 'По государственной базе данных этот человек умер: заявление от его имени не принимается.',
      en: 'The state database records this person as deceased: no application is taken in their name.',
    },
  },
  ENTITY_LIQUIDATED: {
    httpStatus: 422,
    message: {
      kk: 'Мемлекеттік дерекқор бойынша бұл заңды тұлға таратылған: оның атынан өтініш қабылданбайды.',
      ru: 'По государственной базе данных это юридическое лицо ликвидировано: заявление от его имени не принимается.',
      en: 'The state database records this legal entity as liquidated: no application is taken in its name.',
    },
  },
  HAND_OVER_NOT_READY: {
    httpStatus: 409,
    message: {
      kk: 'Нәтиже әлі дайын емес: өтініш қаралып жатыр.',
      ru: 'Результат ещё не готов: заявление рассматривается.',
      en: 'The result is not ready yet: the application is still being decided.',
    },
  },
  ALREADY_HANDED_OVER: {
    httpStatus: 409,
    message: {
      kk: 'Нәтиже өтініш берушіге бұрын берілген.',
      ru: 'Результат уже выдан заявителю.',
      en: 'The result has already been handed over to the applicant.',
    },
  },
  TICKET_NOT_FOUND: {
    httpStatus: 404,
    message: {
      kk: 'Мұндай кезек талоны осы орталықта табылмады.',
      ru: 'Такой талон электронной очереди в этом центре не найден.',
      en: 'No such queue ticket at this centre.',
    },
  },
  QUEUE_EMPTY: {
    httpStatus: 404,
    message: {
      kk: 'Кезекте ешкім күтіп тұрған жоқ.',
      ru: 'В очереди никто не ожидает.',
      en: 'Nobody is waiting in the queue.',
    },
  },
  TICKET_NOT_CALLED: {
    httpStatus: 409,
    message: {
      kk: 'Бұл талон әлі шақырылмаған немесе қызмет көрсету аяқталған.',
      ru: 'Этот талон ещё не вызван или обслуживание уже завершено.',
      en: 'This ticket has not been called yet, or its service has already ended.',
    },
  },
  SLOT_NOT_OFFERED: {
    httpStatus: 422,
    message: {
      kk: 'Бұл уақытқа жазылу мүмкін емес: орталықтың жұмыс уақытындағы келесі күндердің 15 минуттық уақыт аралығын таңдаңыз.',
      ru: 'На это время записаться нельзя: выберите 15-минутный интервал в рабочее время центра в ближайшие дни.',
      en: "This time cannot be booked: choose a 15-minute slot within the centre's working hours in the coming days.",
    },
  },
  SLOT_FULL: {
    httpStatus: 409,
    message: {
      kk: 'Бұл уақыт аралығы толық брондалған: басқа уақытты таңдаңыз.',
      ru: 'Этот интервал полностью занят: выберите другое время.',
      en: 'This slot is fully booked: choose another time.',
    },
  },
  BOOKING_NOT_FOUND: {
    httpStatus: 404,
    message: {
      kk: 'Мұндай жазылу табылмады.',
      ru: 'Такая запись не найдена.',
      en: 'No such booking.',
    },
  },
  CENTRE_NOT_FOUND: {
    httpStatus: 404,
    message: {
      kk: 'Мұндай халыққа қызмет көрсету орталығы жоқ.',
      ru: 'Такого центра обслуживания населения нет.',
      en: 'No such citizen service centre.',
    },
  },
  ORGANISATION_EXISTS: {
    httpStatus: 409,
    message: {
      kk: 'Мұндай идентификаторы бар ұйым бұрыннан бар.',
      ru: 'Организация с таким идентификатором уже есть.',
      en: 'An organisation with this id already exists.',
    },
  },
  ORGANISATION_NOT_FOUND: {
    httpStatus: 404,
    message: {
      kk: 'Мұндай ұйым жоқ.',
      ru: 'Такой организации нет.',
      en: 'No such organisation.',
    },
  },
  ORGANISATION_INVALID: {
    httpStatus: 422,
    message: {
      kk: 'Ұйым дұрыс сипатталмаған: аумақтық бөлімшенің ғана жоғары тұрған органы болады.',
      ru: 'Организация описана неверно: вышестоящий орган бывает только у территориального подразделения.',
      en: 'The organisation is not described correctly: only a territorial unit has a parent authority.',
    },
  },
  STAFF_POST_EXISTS: {
    httpStatus: 409,
    message: {
      kk: 'Бұл адамның осы ұйымда лауазымы бұрыннан бар.',
      ru: 'У этого человека уже есть должность в этой организации.',
      en: 'This person already holds a post at this organisation.',
    },
  },
  ATTACHMENT_TYPE_NOT_ALLOWED: {
    httpStatus: 415,
    message: {
      kk: 'Файл PDF, JPEG немесе PNG емес (оның мазмұны бойынша тексерілді, атауы бойынша емес).',
      ru: 'Файл не является PDF, JPEG или PNG (проверено по содержимому, а не по имени).',
      en: 'The file is not a PDF, JPEG or PNG (judged by its content, not its name).',
    },
  },
  ATTACHMENT_EMPTY: {
    httpStatus: 400,
    message: {
      kk: 'Файл бос: қайта таңдап, жүктеңіз.',
      ru: 'Файл пустой: выберите его заново и загрузите.',
      en: 'The file is empty: choose it again and upload it.',
    },
  },
  ATTACHMENTS_TOO_MANY: {
    httpStatus: 422,
    message: {
      kk: 'Бір өтінішке тіркелетін файлдар саны шегіне жетті.',
      ru: 'Достигнуто предельное число файлов для одного заявления.',
      en: 'The number of files one application may carry has been reached.',
    },
  },
  ATTACHMENT_INFECTED: {
    httpStatus: 422,
    message: {
      kk: 'Антивирус бұл файлда зиянды бағдарлама тапты: ол сақталмады.',
      ru: 'Антивирус обнаружил в этом файле вредоносную программу: он не сохранён.',
      en: 'The virus scanner found malware in this file: it was not stored.',
    },
  },
  ATTACHMENT_SCAN_UNAVAILABLE: {
    httpStatus: 503,
    message: {
      kk: 'Антивирус қазір жауап бермейді: файлды кейінірек жүктеңіз.',
      ru: 'Антивирус сейчас не отвечает: загрузите файл позже.',
      en: 'The virus scanner is not answering now: upload the file later.',
    },
  },
  ATTACHMENT_NOT_FOUND: {
    httpStatus: 404,
    message: {
      kk: 'Мұндай тіркелген файл жоқ.',
      ru: 'Такого прикреплённого файла нет.',
      en: 'No such attached file.',
    },
  },
  DOCUMENT_NOT_IN_CHECKLIST: {
    httpStatus: 422,
    message: {
      kk: 'Регламент бұл өтініш түрі үшін мұндай құжатты сұрамайды.',
      ru: 'Регламент не требует такого документа для этого вида заявления.',
      en: 'The regulation asks for no such document for this kind of request.',
    },
  },
  LICENCE_NOT_FOUND: {
    httpStatus: 404,
    message: {
      kk: 'Бұл қызмет бойынша сізге берілген мұндай лицензия табылмады.',
      ru: 'Такая лицензия по этой услуге, выданная вам, не найдена.',
      en: 'No such licence issued to you for this service was found.',
    },
  },
  LICENCE_NUMBER_INVALID: {
    httpStatus: 400,
    message: {
      kk: 'Лицензия нөмірі қате терілген: ол KZ26-00000042-71 түрінде болады, ал соңғы екі бақылау саны қалғанымен сәйкес келуі керек. Нөмірді құжаттан қайта тексеріңіз.',
      ru: 'Номер лицензии набран с ошибкой: он имеет вид KZ26-00000042-71, и две последние контрольные цифры должны сходиться с остальными. Сверьте номер с документом.',
      en: 'The licence number is mistyped: it looks like KZ26-00000042-71, and its last two check digits must match the rest. Compare it with the document.',
    },
  },
  REGISTRY_ENTRY_NOT_FOUND: {
    httpStatus: 404,
    message: {
      kk: 'Тізілімде мұндай лицензия немесе құжат жоқ.',
      ru: 'В реестре нет такой лицензии или документа.',
      en: 'The registry has no such licence or document.',
    },
  },
  LICENCE_CHANGE_NOT_ALLOWED: {
    httpStatus: 409,
    message: {
      kk: 'Лицензияның қазіргі мәртебесінде бұл өзгеріс мүмкін емес (мысалы, тоқтатылған лицензия қайта ресімделмейді, қолданысы тоқтатылғаны қайта басталмайды).',
      ru: 'При нынешнем статусе лицензии это изменение невозможно (например, приостановленная лицензия не переоформляется, прекращённая не возобновляется).',
      en: "This change is not possible in the licence's present status (a suspended licence is not reissued, a terminated one is not resumed, for instance).",
    },
  },
  LEGAL_GROUND_REQUIRED: {
    httpStatus: 400,
    message: {
      kk: 'Лицензияны тоқтата тұру, қайта бастау немесе тоқтату үшін құқықтық негізді (шешімді немесе заң нормасын) көрсетіңіз.',
      ru: 'Для приостановления, возобновления или прекращения лицензии укажите правовое основание (решение или норму закона).',
      en: 'State the legal ground (the decision or the provision of law) to suspend, resume or terminate a licence.',
    },
  },
  OFFICIAL_KEY_MISSING: {
    httpStatus: 409,
    message: {
      kk: 'Нәтижеге қол қоюға жарамды ЭЦҚ кілті тіркелмеген (кілт жоқ немесе оның мерзімі өтіп кеткен). Алдымен қол қою кілтін тіркеңіз.',
      ru: 'Для подписания результата не зарегистрирован действующий ключ ЭЦП (ключа нет или срок его действия истёк). Сначала зарегистрируйте ключ подписи.',
      en: 'No valid signing key is registered to sign the result (there is none, or it has expired). Register your signing key first.',
    },
  },
  SIGNING_KEY_REJECTED: {
    httpStatus: 400,
    message: {
      kk: 'Бұл кілтті қол қою кілті ретінде тіркеу мүмкін емес: файл немесе құпиясөз қате, кілт сізге тиесілі емес, қол қоюға арналмаған, мерзімі өткен немесе сенімді куәландырушы орталық бермеген.',
      ru: 'Этот ключ нельзя зарегистрировать как ключ подписи: неверен файл или пароль, ключ принадлежит не вам, не предназначен для подписи, просрочен или выдан недоверенным удостоверяющим центром.',
      en: 'This key cannot be registered as your signing key: the file or password is wrong, or the key is not yours, not for signing, expired or not from a trusted certification authority.',
    },
  },
  RESULT_NOT_READY: {
    httpStatus: 404,
    message: {
      kk: 'Бұл өтініш бойынша қол қойылған нәтиже әлі жоқ: шешім қабылданғаннан кейін құжат бірнеше секундта пайда болады.',
      ru: 'Подписанного результата по этому заявлению ещё нет: документ появляется через несколько секунд после решения.',
      en: 'There is no signed result for this application yet: the document appears a few seconds after the decision.',
    },
  },
  SURVEY_NOT_OFFERED: {
    httpStatus: 404,
    message: {
      kk: 'Бұл қызметтің регламенті сауалнама жүргізбейді.',
      ru: 'Регламент этой услуги не предусматривает анкетирования.',
      en: 'The regulation of this service has no survey.',
    },
  },
  SURVEY_NOT_YET: {
    httpStatus: 409,
    message: {
      kk: 'Сауалнамаға нәтиже шыққаннан кейін жауап беруге болады.',
      ru: 'На анкету можно ответить после получения результата.',
      en: 'The survey can be answered once the result is out.',
    },
  },
  SURVEY_ANSWERED: {
    httpStatus: 409,
    message: {
      kk: 'Бұл өтініш бойынша сауалнамаға жауап берілген.',
      ru: 'На анкету по этому заявлению уже ответили.',
      en: 'The survey of this application has already been answered.',
    },
  },
  SURVEY_ANSWER_INVALID: {
    httpStatus: 422,
    message: {
      kk: 'Әр сұраққа берілген жауаптардың біреуін таңдаңыз.',
      ru: 'Выберите по одному из предложенных ответов на каждый вопрос.',
      en: 'Choose one of the offered answers to each question.',
    },
  },
  BOOKING_NOT_TODAY: {
    httpStatus: 409,
    message: {
      kk: 'Бұл жазылу бүгінге емес: талонды жазылған күні алыңыз.',
      ru: 'Эта запись не на сегодня: талон по ней выдаётся в день записи.',
      en: 'This booking is not for today: its ticket is issued on the day booked.',
    },
  },
  BOOKING_USED: {
    httpStatus: 409,
    message: {
      kk: 'Бұл жазылу бойынша талон бұрын берілген.',
      ru: 'Талон по этой записи уже выдан.',
      en: 'A ticket has already been issued for this booking.',
    },
  },
  BOOKING_CLASH: {
    httpStatus: 409,
    message: {
      kk: 'Сізде осы уақытқа басқа жазылу бар.',
      ru: 'У вас уже есть запись на это время.',
      en: 'You already have a booking at this time.',
    },
  },
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof ErrorCatalogue;

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(ErrorCatalogue, value);
}
