"""Actor mentions, Arabic and English: each sentence (written by the team) must yield a mention
of the expected canonical actor. A third column gives the article's country context where the
sentence alone does not say it (as the places stage would)."""

from __future__ import annotations

import pytest

from marsad.actors.stage import ActorStage
from marsad.doc import Document

IS_SY, IS_IQ, SDF = "Islamic State (Syria)", "Islamic State (Iraq)", "SDF: Syrian Democratic Forces"
HOUTHI, RSF, HTS = "Houthi Movement", "RSF: Rapid Support Forces", "HTS: Hayat Tahrir al-Sham"
COAL, SHAB, HEZ, HAMAS = "Global Coalition Against Daesh", "Al Shabaab", "Hezbollah", "Hamas Movement"

AR = [
    # Islamic State, with clitics, construct heads and country variants
    ("هاجم مسلحو داعش مواقع في ريف دير الزور", IS_SY, None),
    ("قتل ثلاثة من مقاتلي داعش في قصف على البادية السورية", IS_SY, None),
    ("اعتقلت القوات عناصر التنظيم في الحسكة بعد اشتباك مع تنظيم الدولة", IS_SY, None),
    ("وتبنى تنظيم الدولة الإسلامية الهجوم على حاجز في كركوك", IS_IQ, None),
    ("أعلن الجيش العراقي مقتل قيادي في داعش بمحافظة الأنبار", IS_IQ, None),
    ("وأكد المسؤول أن خلايا داعش نشطة في صحراء الأنبار", IS_IQ, None),
    ("شن الدواعش هجوما على قرية في ريف حماة", IS_SY, None),
    ("ولداعش تاريخ طويل في تنفيذ عمليات الهروب من السجون", IS_SY, "Syria"),
    ("وبداعش ارتبطت معظم الهجمات في المنطقة", IS_IQ, "Iraq"),
    ("وقالت مصادر إن الدولة الإسلامية في العراق والشام تقف خلف الهجوم", IS_SY, "Syria"),
    ("فجر انتحاري من تنظيم داعش نفسه في مدينة الموصل", IS_IQ, None),
    ("تبنت ولاية سيناء الهجوم على كمين للجيش في العريش", "Islamic State (Egypt) Sinai Province", None),
    ("اشتبكت قوات الحشد الشعبي مع عناصر داعش في صلاح الدين", "PMF: Popular Mobilization Forces", None),
    ("قصفت طائرات التحالف مواقع لداعش في الرقة", COAL, None),
    ("قالت القوة الكردية إن الاشتباكات استمرت لليوم الرابع", SDF, "Syria"),
    ("قال التحالف الذي تقوده الولايات المتحدة إن الغارات استهدفت المسلحين", COAL, "Syria"),
    ("وأعلنت قوات سوريا الديمقراطية السيطرة على الحي", SDF, None),
    ("وقالت قسد في بيان إنها صدت الهجوم", SDF, None),
    ("ولقسد حواجز على مداخل المدينة", SDF, None),
    ("وقتل مسلحون العشرات من المقاتلين المدعومين من الولايات المتحدة", SDF, "Syria"),
    ("وقالت القوات التي يقودها الأكراد إنها احتوت التهديد", SDF, "Syria"),
    ("وأطلق المسلحون النار على القوات الكردية", SDF, "Syria"),
    ("وحدات حماية الشعب الكردية تنسحب من منبج", "YPG: People's Protection Units", None),
    ("اعتقلت قوى الأمن الداخلي الكردية مشتبها بهم في القامشلي", "Asayish", None),
    ("قصفت المسيرات التركية مواقع لقسد قرب عين العرب", "Military Forces of Turkey", None),
    ("هاجمت فصائل الجيش الوطني مواقع قسد في ريف منبج", "SNA: Syrian National Army", None),
    ("اشتبكت فرقة السلطان مراد مع قسد", "Sultan Murad Division", None),
    ("قصفت قوات النظام بلدات في ريف إدلب", "Military Forces of Syria", None),
    ("قال الجيش العربي السوري إنه صد هجوما", "Military Forces of Syria", None),
    ("وشنت طائرات النظام غارات على معرة النعمان", "Military Forces of Syria", None),
    ("تقدمت هيئة تحرير الشام في ريف حلب الغربي", HTS, None),
    ("وقال قيادي في جبهة النصرة إن التنظيم لن ينسحب", "Jabhat al-Nusra", None),
    ("اغتال مسلحون قياديا في حراس الدين بإدلب", "Hurras al-Din", None),
    ("أعلن جيش الإسلام انسحابه من دوما", "Jaish al-Islam", None),
    ("وحذر المرصد السوري لحقوق الإنسان من التصعيد", None, None),  # a source, not an actor
    ("اشتبكت قوات الدفاع الوطني مع مسلحين في السويداء", "NDF: National Defence Forces", None),
    ("قصف الطيران الروسي مواقع المعارضة في إدلب", "Military Forces of Russia", None),
    ("قتل جنديان في هجوم لحزب العمال الكردستاني جنوب شرق تركيا", "PKK: Kurdistan Workers' Party", None),
    ("قصفت الطائرات الإسرائيلية مواقع قرب دمشق", "Military Forces of Israel", None),
    ("استهدف الحرس الثوري الإيراني مقرات في أربيل", "IRGC: Islamic Revolutionary Guard Corps", None),
    # Iraq
    ("استهدفت كتائب حزب الله قاعدة عين الأسد", "Kataib Hezbollah", None),
    ("قالت عصائب أهل الحق إنها لن تلقي السلاح", "Asaib Ahl al-Haq", None),
    ("اشتبكت قوات البيشمركة مع مسلحين في سنجار", "Peshmerga - Kurdistan Regional Government", None),
    ("أعلن جهاز مكافحة الإرهاب مقتل خمسة إرهابيين", "Counter Terrorism Service (Iraq)", None),
    ("نفذت القوات الأمنية العراقية عملية في ديالى", "Military Forces of Iraq", None),
    ("اعتقلت الشرطة الاتحادية متهمين في بغداد", "Police Forces of Iraq", None),
    ("وقالت خلية الإعلام الأمني إن صاروخين سقطا في المنطقة الخضراء", None, None),
    ("اقتحم أنصار سرايا السلام المنطقة الخضراء", "Saraya al-Salam", None),
    ("هاجمت منظمة بدر مقرا في ديالى", "Badr Organization", None),
    ("أعلنت المقاومة الإسلامية في العراق استهداف قاعدة أمريكية", "Islamic Resistance in Iraq", None),
    # Yemen
    ("شن الحوثيون هجوما على مواقع الجيش في مأرب", HOUTHI, None),
    ("أطلقت جماعة أنصار الله صاروخا باليستيا على جازان", HOUTHI, None),
    ("قصفت ميليشيا الحوثي أحياء سكنية في تعز", HOUTHI, None),
    ("قتل الجيش الوطني ما لا يقل عن 30 حوثيا بعد معارك عنيفة", HOUTHI, None),  # the singular, counted
    ("تصدت قوات الجيش لهجوم الميليشيات الحوثية في الجوف", HOUTHI, None),
    ("قتل عشرة من الانقلابيين في معارك صرواح", HOUTHI, "Yemen"),
    ("أسقطت دفاعات التحالف طائرة مسيرة أطلقها الحوثي", HOUTHI, "Yemen"),
    ("وللحوثيين نقاط تفتيش على مداخل صنعاء", HOUTHI, None),
    ("شن طيران التحالف العربي غارات على صعدة", "Operation Restoring Hope", None),
    ("قال المتحدث باسم تحالف دعم الشرعية إن الدفاعات اعترضت الصاروخ", "Operation Restoring Hope", None),
    ("سيطرت قوات المجلس الانتقالي الجنوبي على معسكر في عدن", "STC: Southern Transitional Council", None),
    ("اشتبكت قوات الحزام الأمني مع مسلحين في لحج", "Security Belt Forces", None),
    ("تقدمت ألوية العمالقة في شبوة", "Giants Brigades", None),
    ("قتل قيادي في تنظيم القاعدة في جزيرة العرب بغارة في مأرب", "AQAP: Al Qaeda in the Arabian Peninsula", None),
    ("صدت قوات الشرعية هجوما في الضالع", "Military Forces of Yemen", None),
    ("قال الجيش اليمني إنه استعاد مواقع في حجة", "Military Forces of Yemen", None),
    ("هاجمت قوات النخبة الحضرمية مخبأ للقاعدة في المكلا", "Hadrami Elite Forces", None),
    ("اعتقلت قوات المقاومة الوطنية خلية في المخا", "National Resistance Forces", "Yemen"),
    # Sudan
    ("هاجمت قوات الدعم السريع مدينة الفاشر", RSF, None),
    ("قصف الجيش السوداني مواقع الدعم السريع في الخرطوم بحري", "Military Forces of Sudan", None),
    ("قالت القوات المسلحة السودانية إنها استعادت ود مدني", "Military Forces of Sudan", None),
    ("ارتكبت ميليشيا الدعم السريع انتهاكات في الجنينة", RSF, None),
    ("قتل مدنيون بقصف مدفعي للمتمردين على أم درمان", RSF, "Sudan"),
    ("أعلنت الحركة الشعبية لتحرير السودان شمال السيطرة على بلدة في جنوب كردفان", "SPLM-N: Sudan People's Liberation Movement-North", None),
    ("انضمت حركة العدل والمساواة إلى القتال", "JEM: Justice and Equality Movement", "Sudan"),
    ("وقالت شبكة أطباء السودان إن القتلى مدنيون", None, None),
    ("خرجت لجان المقاومة في مواكب بالخرطوم", "Sudanese Resistance Committees", None),
    ("اشتبكت قوات دفاع شعب جنوب السودان مع الجيش الأبيض", "Military Forces of South Sudan", None),
    # Horn, Sahel, North Africa
    ("هاجمت حركة الشباب قاعدة للجيش الصومالي في شبيلي السفلى", SHAB, None),
    ("قتل عشرة من مقاتلي الشباب في غارة أمريكية قرب كسمايو", SHAB, "Somalia"),
    ("قال الجيش الصومالي إنه قتل عشرات المسلحين", "Military Forces of Somalia", None),
    ("هاجمت قوات الاتحاد الأفريقي مواقع للمتشددين", "AMISOM: African Union Mission in Somalia", "Somalia"),
    ("قتلت قوات تيغراي عشرات الجنود في أمهرة", "TPLF: Tigray People's Liberation Front", None),
    ("اشتبكت ميليشيا فانو مع الجيش الإثيوبي", "Fano Militia", None),
    ("قال الجيش الإثيوبي إنه استعاد بلدة في تيغراي", "Military Forces of Ethiopia", None),
    ("تبنت جماعة نصرة الإسلام والمسلمين الهجوم على قافلة في موبتي", "JNIM: Group for Support of Islam and Muslims", None),
    ("قتل جنود في هجوم لتنظيم الدولة في الصحراء الكبرى قرب ميناكا", "Islamic State (Sahel)", None),
    ("اشتبكت مجموعة فاغنر مع متمردين في كيدال", "Wagner Group", "Mali"),
    ("هاجمت جماعة بوكو حرام قرية في ولاية بورنو", "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", "Nigeria"),
    ("سيطرت تنسيقية حركات أزواد على معسكر في كيدال", "CMA: Coordination of Azawad Movements", None),
    ("قصفت قوات حفتر مواقع في طرابلس", "LNA: Libyan National Army", None),
    ("اشتبكت قوات الجيش الوطني الليبي مع مسلحين في درنة", "LNA: Libyan National Army", None),
    ("قالت قوات حكومة الوفاق إنها استعادت ترهونة", "Government of National Accord (Libya)", None),
    ("اشتبك جهاز الردع مع اللواء 444 في طرابلس", "Radaa Special Deterrence Forces", None),
    ("اتهمت جبهة البوليساريو المغرب بقصف مواقعها", "Polisario Front", None),
    ("قتل جنديان في هجوم لتنظيم القاعدة في بلاد المغرب الإسلامي", "AQIM: Al Qaeda in the Islamic Maghreb", "Algeria"),
    # Levant
    ("أطلق حزب الله صواريخ على شمال إسرائيل", HEZ, None),
    ("قال حزب الله اللبناني إنه استهدف موقعا عسكريا", HEZ, None),
    ("أطلقت حركة حماس صواريخ من قطاع غزة", HAMAS, None),
    ("أعلنت كتائب القسام أسر جنود", "Al Qassam Brigades", None),
    ("قالت سرايا القدس إنها قصفت مستوطنات الغلاف", "Al Quds Brigades", None),
    ("اقتحمت قوات الاحتلال مخيم جنين", "Military Forces of Israel", None),
    ("هاجم مستوطنون منازل فلسطينيين في الخليل", "Settlers (Israel)", None),
    ("اعتقلت الأجهزة الأمنية الفلسطينية ناشطين في نابلس", "Police Forces of Palestine", None),
    ("قالت قوات اليونيفيل إنها رصدت إطلاق قذائف", "UNIFIL: United Nations Interim Force in Lebanon", None),
    ("قصف الجيش الإسرائيلي بلدات في جنوب لبنان", "Military Forces of Israel", None),
    # generic actors from context
    ("أطلق مسلحون مجهولون النار على سيارة في درعا", "Unidentified Armed Group (Syria)", None),
    ("اغتال مجهولون ضابطا في عدن", "Unidentified Armed Group (Yemen)", None),
    ("قتل مدنيان في قصف على حي سكني في حلب", "Civilians (Syria)", None),
    ("خرج متظاهرون في بيروت احتجاجا على انهيار العملة", "Protesters (Lebanon)", None),
    ("فرقت الشرطة المحتجين في الخرطوم بالغاز المسيل للدموع", "Protesters (Sudan)", None),
    ("فرقت الشرطة المحتجين في الخرطوم بالغاز المسيل للدموع", "Police Forces of Sudan", None),
    ("أحرق مثيرو الشغب إطارات في البصرة", "Rioters (Iraq)", None),
    ("اعتقل الجيش عشرة أشخاص في بلدة قرب الموصل", "Military Forces of Iraq", None),
    ("قتل ثلاثة جنود في هجوم على دورية في سيناء", "Military Forces of Egypt", None),
    ("قالت الشرطة التونسية إنها فككت خلية", "Police Forces of Tunisia", None),
    ("قتل جنديان تركيان في هجوم صاروخي", "Military Forces of Turkey", None),
    ("قالت وزارة الداخلية العراقية إن الانفجار أسفر عن قتلى", "Police Forces of Iraq", None),
    ("وأضافت القوات الحكومية أنها سيطرت على التلال", "Military Forces of Yemen", "Yemen"),
    ("انسحبت القوات الأمريكية من قاعدة في الحسكة", "Military Forces of United States", None),
    # back references
    ("هاجم تنظيم داعش السجن. وقالت الجماعة إنها حررت المئات", IS_SY, "Syria"),
    ("تبنى تنظيم الدولة الهجوم. وأضاف التنظيم في بيان أن مقاتليه قتلوا جنودا", IS_IQ, "Iraq"),
    ("أعلنت حركة الشباب مسؤوليتها. وقال المتشددون إنهم قتلوا جنودا", SHAB, "Somalia"),
]

EN = [
    ("On 20 January 2022, Islamic State militants attacked Ghwayran prison in Al Hasakah.", IS_SY, None),
    ("ISIS fighters stormed the prison in Hasakah on Thursday night.", IS_SY, None),
    ("ISIL claimed the bombing in Kirkuk.", IS_IQ, None),
    ("Daesh cells attacked a PMF checkpoint in Diyala.", IS_IQ, None),
    ("The Islamic State group said its fighters killed five soldiers in Anbar.", IS_IQ, None),
    ("IS militants ambushed an army patrol near Palmyra.", IS_SY, None),
    ("Kurdish-led forces retook the prison on Wednesday.", SDF, "Syria"),
    ("The US-backed Syrian Democratic Forces said the attack was repelled.", SDF, None),
    ("The SDF arrested dozens of escaped prisoners.", SDF, None),
    ("US-backed Kurdish forces surrounded the neighbourhood.", SDF, "Syria"),
    ("The YPG shelled villages near Afrin.", "YPG: People's Protection Units", None),
    ("The US-led coalition carried out air strikes in support of the SDF.", COAL, None),
    ("CJTF-OIR said the threat was contained.", COAL, None),
    ("Operation Inherent Resolve confirmed the strike near Raqqa.", COAL, None),
    ("Syrian regime forces shelled Idlib countryside.", "Military Forces of Syria", None),
    ("Pro-Assad forces clashed with HTS in the Jabal al-Zawiya area.", "Military Forces of Syria", None),
    ("The Syrian Arab Army recaptured the town.", "Military Forces of Syria", None),
    ("Hayat Tahrir al-Sham fighters attacked regime positions.", HTS, None),
    ("Turkish-backed Syrian factions shelled SDF positions near Manbij.", "SNA: Syrian National Army", None),
    ("Turkish drones struck a car near Qamishli.", "Military Forces of Turkey", None),
    ("Russian warplanes bombed a market in Idlib.", "Military Forces of Russia", None),
    ("Israeli aircraft struck targets near Damascus airport.", "Military Forces of Israel", None),
    ("The Popular Mobilization Forces repelled an attack in Salah al-Din.", "PMF: Popular Mobilization Forces", None),
    ("Kataib Hezbollah fired rockets at the base.", "Kataib Hezbollah", None),
    ("Iraqi security forces arrested three suspects in Mosul.", "Military Forces of Iraq", None),
    ("Peshmerga forces clashed with IS remnants in Makhmour.", "Peshmerga - Kurdistan Regional Government", None),
    ("Iraqi Federal Police dispersed protesters in Baghdad.", "Police Forces of Iraq", None),
    ("The PKK attacked a Turkish army outpost in Duhok.", "PKK: Kurdistan Workers' Party", None),
    ("On 5 May 2022, Military Forces of Yemen clashed with Houthi forces in Marib.", "Military Forces of Yemen", None),
    ("On 5 May 2022, Military Forces of Yemen clashed with Houthi forces in Marib.", HOUTHI, None),
    ("Pro-Hadi forces repelled a Houthi attack in Al Jawf.", "Military Forces of Yemen", None),
    ("Houthi rebels fired a ballistic missile at Marib city.", HOUTHI, None),
    ("Ansar Allah claimed a drone attack on Jizan.", HOUTHI, None),
    ("Pro-Houthi forces shelled residential areas in Taiz.", HOUTHI, None),
    ("The Saudi-led coalition conducted air strikes in Saada.", "Operation Restoring Hope", None),
    ("STC forces took control of the camp in Aden.", "STC: Southern Transitional Council", None),
    ("Security Belt forces arrested two men in Lahij.", "Security Belt Forces", None),
    ("AQAP militants attacked a checkpoint in Abyan.", "AQAP: Al Qaeda in the Arabian Peninsula", None),
    ("The Giants Brigades advanced in Shabwah.", "Giants Brigades", None),
    ("The Rapid Support Forces attacked El Fasher.", RSF, None),
    ("RSF fighters looted the market in Nyala.", RSF, None),
    ("The Sudanese Armed Forces shelled RSF positions in Omdurman.", "Military Forces of Sudan", None),
    ("SAF aircraft bombed a neighbourhood in Khartoum.", "Military Forces of Sudan", None),
    ("The SPLM-N attacked an army garrison in South Kordofan.", "SPLM-N: Sudan People's Liberation Movement-North", None),
    ("Al Shabaab militants attacked a base in Lower Shabelle.", SHAB, None),
    ("Al-Shabaab claimed the bombing in Mogadishu.", SHAB, None),
    ("Somali National Army troops recaptured the town.", "Military Forces of Somalia", None),
    ("AMISOM troops clashed with militants near Baidoa.", "AMISOM: African Union Mission in Somalia", None),
    ("Danab special forces raided an Al Shabaab hideout.", "Danab Brigade", None),
    ("Ethiopian National Defence Force troops clashed with Fano militiamen in Gondar.", "Military Forces of Ethiopia", None),
    ("Fano militia attacked ENDF positions in Amhara.", "Fano Militia", None),
    ("Tigrayan forces shelled the town.", "TPLF: Tigray People's Liberation Front", "Ethiopia"),
    ("The Oromo Liberation Army killed several civilians in Oromia.", "OLA: Oromo Liberation Army", None),
    ("JNIM militants ambushed a FAMa convoy near Mopti.", "JNIM: Group for Support of Islam and Muslims", None),
    ("JNIM militants ambushed a FAMa convoy near Mopti.", "Military Forces of Mali", None),
    ("Wagner Group mercenaries and Malian soldiers raided the village.", "Wagner Group", "Mali"),
    ("ISWAP fighters overran a military base in Borno.", "Islamic State West Africa Province (ISWAP)", None),
    ("Boko Haram abducted villagers near Maiduguri.", "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", None),
    ("VDP members clashed with militants in Djibo.", "VDP: Volunteers for the Defense of the Homeland", None),
    ("Haftar forces shelled Tripoli.", "LNA: Libyan National Army", None),
    ("The Libyan National Army said it repelled the attack on Derna.", "LNA: Libyan National Army", None),
    ("GNA forces retook Tarhuna.", "Government of National Accord (Libya)", None),
    ("Hezbollah fired anti-tank missiles at an Israeli position.", HEZ, None),
    ("Israeli forces raided Jenin refugee camp.", "Military Forces of Israel", None),
    ("The IDF said it struck Hamas targets in Gaza.", "Military Forces of Israel", None),
    ("The IDF said it struck Hamas targets in Gaza.", HAMAS, None),
    ("Palestinian Islamic Jihad fired rockets at Sderot.", "Palestinian Islamic Jihad", None),
    ("Israeli settlers attacked Palestinian farmers near Nablus.", "Settlers (Israel)", None),
    ("The Polisario Front shelled Moroccan positions.", "Polisario Front", None),
    ("Unidentified gunmen shot dead a teacher in Daraa.", "Unidentified Armed Group (Syria)", None),
    ("Unknown assailants killed a tribal elder in Marib.", "Unidentified Armed Group (Yemen)", None),
    ("Gunmen killed two civilians in Kirkuk.", "Unidentified Armed Group (Iraq)", None),
    ("Gunmen killed two civilians in Kirkuk.", "Civilians (Iraq)", None),
    ("Protesters gathered in Beirut to denounce the banks.", "Protesters (Lebanon)", None),
    ("Demonstrators in Khartoum called for civilian rule.", "Protesters (Sudan)", None),
    ("Rioters burned tyres and blocked roads in Basra.", "Rioters (Iraq)", None),
    ("Police fired tear gas at protesters in Tunis.", "Police Forces of Tunisia", None),
    ("Government forces shelled rebel-held areas in Daraa.", "Military Forces of Syria", None),
    ("Security forces arrested five people in Aden.", "Military Forces of Yemen", None),
    ("US forces carried out a raid in Deir ez-Zor.", "Military Forces of United States", None),
    ("The Islamic State claimed the attack. The group said three soldiers were killed in Anbar.", IS_IQ, None),
    ("Al Shabaab claimed the bombing. The militants said they targeted officials in Mogadishu.", SHAB, None),
    ("Coalition aircraft struck Houthi positions in Saada.", "Operation Restoring Hope", None),
    ("Coalition aircraft struck IS hideouts near Raqqa.", COAL, None),
    ("Al Qaeda militants attacked a checkpoint in Abyan.", "AQAP: Al Qaeda in the Arabian Peninsula", None),
]


AR += [
    ("شن طيران التحالف غارات على مواقع الحوثيين في صعدة", "Operation Restoring Hope", None),
    ("قال التحالف في بيان إن غاراته استهدفت مواقع داعش في الرقة", COAL, None),
    ("هاجم مسلحو القاعدة نقطة أمنية في أبين", "AQAP: Al Qaeda in the Arabian Peninsula", None),
    ("قتل جنديان في كمين نصبه تنظيم القاعدة قرب تمبكتو", "JNIM: Group for Support of Islam and Muslims", None),
    ("هاجم الجيش الوطني مواقع قسد قرب منبج", "SNA: Syrian National Army", None),
    ("تقدم الجيش الوطني في مأرب على حساب الحوثيين", "Military Forces of Yemen", None),
]

# (text, an actor that must NOT be read there): common words that look like names
NOT = [
    ("استهدفت صواريخ القاعدة الجوية في عين الأسد", "Al Qaeda"),
    ("زار الوزير قاعدة عسكرية في الجنوب", "Al Qaeda"),
    ("قال الحزب الحاكم إن الانتخابات ستجرى في موعدها", "Hezbollah"),
    ("أعلن حزب معارض مقاطعة الانتخابات في بيروت", "Hezbollah"),
    ("شكلت الحكومة هيئة للتحقيق في الحادث في إدلب", "HTS: Hayat Tahrir al-Sham"),
    ("دعا إلى النصرة والتضامن مع أهالي درعا", "Jabhat al-Nusra"),
    ("وأكد المرصد السوري لحقوق الإنسان مقتل مدنيين في إدلب", "Syrian Observatory for Human Rights"),
    ("خرج الشباب في مسيرة رياضية في الرياض", "Al Shabaab"),
    ("Police said the US president would visit Baghdad", "Islamic State (Iraq)"),
    ("This is a story about a market in Aden", "Islamic State (Yemen)"),
    ("ندد الاتحاد الأوروبي بالاحتلال التركي لعفرين", "Military Forces of Israel"),
]


@pytest.mark.parametrize("text,not_expected", NOT)
def test_common_words_are_not_actors(stage, text, not_expected):
    doc = _run(stage, text, None)
    assert not_expected not in [m.actor.name for m in doc.actors]


@pytest.fixture(scope="module")
def stage():
    return ActorStage()


def _run(stage, text, country):
    doc = Document.make(text)
    if country:
        doc.country_context = [country]
    return stage(doc)


@pytest.mark.parametrize("text,expected,country", AR + EN)
def test_mention_resolves(stage, text, expected, country):
    doc = _run(stage, text, country)
    names = [m.actor.name for m in doc.actors]
    if expected is None:  # a monitor or media outlet: a source for claims, never an event actor
        assert doc.scratch["actor_sources"], "expected a source organisation"
        assert all(m.actor.inter is not None for m in doc.actors)
        return
    assert expected in names, names


def test_table_size():
    assert len(AR) >= 100 and len(EN) >= 80 and len(AR) + len(EN) >= 200


def test_offsets_are_into_the_original_text(stage):
    text = "وَقالَ مُقاتِلو «داعِش» إنَّ قسد هاجمت السجن"
    doc = _run(stage, text, "Syria")
    assert doc.actors
    for m in doc.actors:
        assert text[m.start:m.end] == m.text


@pytest.mark.parametrize("junk", ["", " ", "\x00\x01\x02", "ا" * 5000, "داعش " * 3000, "\u202e\u2066قسد\u2069",
                                  "ISIS داعش SDF قسد 123 ٤٥٦", "\ufffd\ufffd", "the group the group the group"])
def test_junk_never_crashes(stage, junk):
    doc = _run(stage, junk, None)
    assert isinstance(doc.actors, list)


def test_speed(stage):
    import time

    text = ("قالت القوة الكردية إن الاشتباكات بين مقاتلين أكراد ومسلحي داعش استمرت قرب سجن في الحسكة. " * 40)
    doc = Document.make(text)
    t = time.perf_counter()
    for _ in range(10):
        stage(Document.make(text))
    per_article = (time.perf_counter() - t) / 10
    assert per_article < 0.05, per_article
    assert doc is not None


def test_the_datelines_country_is_not_whose_forces_act():
    """"دبي، الإمارات العربية المتحدة (CNN)— ... إن السلطات المصرية اعتقلت": the country of the bureau
    is no country the article's actors belong to."""
    from marsad.pipeline import default_pipeline

    text = ("شقيقته: الأمن المصري اعتقل المدون\n\n"
            "دبي، الإمارات العربية المتحدة (CNN)— قالت منى، شقيقة المدون المصري، سامي حسن، إن السلطات المصرية "
            "اعتقلت شقيقها في الساعات الأولى من صباح الأربعاء، لافتة إلى أن العائلة لا تعلم أين هو.")
    doc = default_pipeline()(Document.make(text, published="2018-05-23", lang="ar"))
    assert doc.article.dateline is not None and doc.article.dateline.start is not None
    assert "United Arab Emirates" not in {c for _, c in doc.scratch["actor_countries"]}
    assert "United Arab Emirates" not in {m.actor.country for m in doc.actors}
