"""ACLED's codebook where the classifier blurs two types.

Applied to each candidate sentence after the classifier (:func:`refine`), with the
sentence's class probabilities, its lexicon hits and its text. Each rule is one line of
ACLED's codebook, not a pattern of one corpus:

- an attack that takes people (hostages, kidnapping) and reports nobody killed or hurt is
  an *abduction*;
- in a demonstration, arrests and dispersal are *protest with intervention*, lethal force on
  the demonstrators is *excessive force*, and demonstrators who clash, burn or loot make it a
  *violent demonstration* (ACLED notes of demonstrations carry a ``[size=...]`` tag, so such a
  note is a demonstration whatever its verbs say);
- demonstrators who storm a site (an airport, a government building) make a *violent
  demonstration*; tear gas or rubber bullets put a sentence in a demonstration, and stun
  grenades fired with them are riot control, not a *grenade* attack;
- an infiltration or attack foiled ("أحبطت محاولة تسلل") is an *armed clash*, not disrupted
  weapons use; a demonstration met with tear gas is a *protest with intervention*;
- an attack on fighters (soldiers killed, a military position struck) is an *armed clash*, not
  violence against civilians;
- an attack where both sides fire ("exchange of fire", "اشتباك") is an *armed clash*, and so is
  shelling traded between two sides ("تبادل القصف المدفعي", "an artillery duel");
- a crowd that beats, lynches or burns someone, or villagers fighting with sticks and stones,
  is *mob violence*, not an armed clash or an attack;
- a raid in which people are killed ("مقتل ثلاثة واعتقال خمسة خلال مداهمة") is an *armed clash*
  (the actors decide whether an attack), not the arrests made in it;
- a town, base or capital *captured* (or liberated) after fighting is taken territory, not an
  arrest or the fighting alone; taken without a fight (vacated, handed over) it is a
  *non-violent transfer*;
- an *armed strike* or a curfew imposed by an armed group is *Other*, not a protest;
- civilians hit by remote means (an air strike, shelling, a bomb) are coded as that
  *Explosions/Remote violence* type (with civilian targeting), not as an *Attack*; an attack
  by aircraft ("بيت دمرته الطائرات الروسية", "targeted by a reconnaissance drone") is an
  *air/drone strike*, and so is a bombardment by aircraft ("قصف شنته طائرات التحالف") or
  aircraft striking positions where no fight is told ("استهدفت مقاتلات التحالف مواقع");
- a drone or missile shot down or intercepted (nobody hurt) is *disrupted weapons use*, not
  barrel bombs dropped ("أسقطت المروحيات براميل متفجرة"); aircraft striking a weapons depot is
  an *air/drone strike*;
- what is done by habit ("وكثيرا ما تنفذ تركيا ضربات") and an agreement of the past ("وفق اتفاقات
  سابقة") are no event; aircraft the subject of a strike verb ("واستهدفت مقاتلات التحالف مواقع") are an
  *air/drone strike* even where the classifier saw no event (not in a threat, a denial or history); a
  military parade attacked is no demonstration;
- the state arresting someone ("اعتقلت السلطات السعودية الداعية") is an *arrest*, and a fight told as going
  on or breaking out ("المواجهات مستمرة", "تجددت الاشتباكات") an *armed clash*, even where the classifier
  saw no event; armour destroyed in a fight is the battle, not property destruction;
- control told as a state ("المبنى الذي يسيطر عليه الحوثيون", "the town, held by the rebels")
  is no change of territory: the sentence is coded as its next likeliest type, or not at all.
"""

from __future__ import annotations

import re

from .lexicon import taxonomy

#: in a demonstration, what a sub-event means there
IN_DEMONSTRATION = {"arrests": "protest_with_intervention", "attack": "excessive_force",
                    "looting": "violent_demonstration", "armed_clash": "violent_demonstration"}
REMOTE = ("air_strike", "shelling", "remote_explosive", "suicide_bomb", "grenade", "chemical_weapon")
TERRITORY = ("nsa_overtakes_territory", "gov_regains_territory", "nonviolent_transfer")
#: lexicon cues of what is no news of an event: threats, denials, history, diplomacy
NOT_NEWS = {"neg_threat", "neg_denial", "neg_history", "neg_diplomacy", "neg_statistics", "neg_metaphor"}
SIZE_TAG = re.compile(r"\[\s*size\s*=", re.I)

_EN = {
    "demo": r"\b(protest\w*|demonstrat\w*|rally|rallies|marched|marchers|a march|sit-ins?|picket\w*)\b",
    "crowd": r"\b(crowds?|mobs?|residents|villagers|locals|youths|vendors|traders|onlookers|worshippers|passers-by)\b",
    "mob_act": r"\b(beat|beaten|beating|lynch\w*|stoned|burn\w* (him|her|them|\w+) alive|set (him|her|them|\w+( \w+)?) on fire|hacked)\b",
    "communal": r"\b(clans?|tribes?|tribal|communities|communal|villagers|youths|families|herders and farmers)\b",
    "crude": r"\b(sticks|stones|clubs|rocks|fists|iron bars)\b",
    "firearm": r"\b(gun\w*|shot|shoot\w*|opened fire|fired|firing|rifles?|firearms?|bullets?|ak-47)\b",
    "place": r"\b(captured|seized|took control of|took over|overran|stormed and took)\s+(the\s+)?(\w+\s+){0,3}"
             r"(capital|town|city|village|district|base|outpost|camp|post|positions?|airport|headquarters|"
             r"locality|area|garrison|barracks|border crossing)\b",
    "fight": r"\b(clash\w*|fight\w*|fought|battle\w*|assault|offensive|exchange of fire|heavy fighting|attack\w*)\b",
    "peaceful": r"\b(without (a fight|fighting|resistance|a shot)|vacated|handed over|handover|withdr[ae]w\w*|peaceful(ly)? (handover|transfer))\b",
    "other": r"\b(armed strike|armed bandh|paro armado|curfew|sit-at-home order|lockdown order)\b",
    "chemical": r"\b(chemical|chlorine|sarin|toxic gas|poison\w*|nerve agent|mustard)\b",
    "chemical_body": r"\b(organi[sz]ation for the prohibition of chemical weapons|chemical weapons (inspectors|watchdog|experts|convention))\b",
    "lifted": r"\b(lift\w*|eas\w*|end\w*|relax\w*)\s+(the\s+|a\s+)?(\w+\s+)?curfew",
    "aircraft": r"\b(aircraft|warplanes?|jets?|helicopters?|drones?|planes?|gunships?)\b",
    "storm": r"\b(storm\w*|broke into|forced their way into|overran|ransack\w*)\b",
    "killed": r"\b(killed|dead|died|killing)\b",
    "raid": r"\b(raid\w*|shoot-?outs?|gunfights?|firefights?|exchange\w* (of )?fire|stormed)\b",
    "shootdown": r"\b(shot down|shoots? down|shooting down|downed|intercept\w*)\b",
    "unhurt": r"\b(no (one|body) (was )?(hurt|injured|killed)|no (casualties|injuries|damage)|without (causing )?(casualties|injuries))\b",
    "intercept": r"\b(intercept\w*|shot down|shoots? down|downed)\s+(\w+\s+){0,3}?(missiles?|rockets?|drones?|projectiles?|uavs?)\b",
    "not_intercepted": r"\b(not|no|never|failed to|did not|didn't)\s+(\w+\s+){0,2}(intercept\w*|shoot down|shot down)",
    "shell_exchange": r"\b(exchang\w* (of )?(artillery|shell\w*|mortar|rocket)( fire)?|artillery duels?|traded (artillery|shell\w*|rocket) fire)\b",
    "air_phrase": r"\b(air ?strikes?|air raids?|airstrikes?|aerial (bombardment|attack|strike)s?|drone strikes?)\b",
    "foiled_raid": r"\b(foiled|thwarted|repelled|repulsed) (an? )?(infiltration|attack|assault|incursion)",
    "strike_verb": r"\b(struck|strikes?|bombed|bombard\w*|targeted|hit|raided)\b",
    "exchange": r"\b(exchange\w* (of )?fire|exchanged gunfire|gun ?battles?|firefights?|shoot-?outs?|clash\w*|returned fire)\b",
    "armed_victims": r"\b(killed|wounded|injured|targeted|attacked)\s+(\w+\s+){0,3}?(soldiers?|troops|policem[ae]n|"
                     r"officers|militants|fighters|gunmen|military (post|position|base|checkpoint)s?)\b",
    "confront": r"\b(clash\w*|scuffle\w*|fought|fighting|skirmish\w*)\b",
    "police_hurt": r"\b((police(men)?|officers|security forces|members of the security forces|soldiers) (were )?"
                   r"(injured|wounded|hurt)|(injur\w*|wound\w*) \w+ (police(men)?|officers|soldiers))\b",
    "riot_gear": r"\b(tear ?gas|rubber bullets|water cannons?|pepper spray|stun grenades?)\b",
    "crash": r"\b(crash\w*|went down|shot down|downed)\b",
    "artillery": r"\b(artillery|mortars?|rockets?|missiles?|howitzers?|tanks?|katyushas?|launchers?|gunboats?|warships?)\b",
    "control_state": r"\b(controlled by|held by|under the control of|still (controls?|holds?)|which (controls?|holds?))\b",
    "air_subject": r"\b(warplanes?|jets?|aircraft|helicopters?|drones?|gunships?)\s+(\w+\s+){0,3}?"
                   r"(struck|bombed|pounded|targeted|hit|fired)\b",
    "earlier_deal": r"\b(previous|earlier|prior|past|former)\s+(\w+\s+)?(agreements?|deals?|truces?|ceasefires?|accords?)\b",
    "armour": r"\b(tanks?|armou?red (vehicles?|cars?)|military vehicles?|armou?r|apcs?)\b",
    "crime": r"\b(drugs?|narcotics|theft|robbery|burglary|smuggl\w*|gangs?|fraud|criminals?)\b",
    "habitual": r"\b(often|frequently|regularly|routinely|usually|repeatedly)\s+(\w+\s+){0,2}?"
                r"(carr\w*|launch\w*|conduct\w*|strik\w*|struck|target\w*|attack\w*|bomb\w*|shell\w*)\b",
    "parade": r"\b(military parade|parade)\b",
    "control_event": r"\b(seiz\w*|captur\w*|took|taken|overr[au]n|recaptur\w*|retook|retaken|regain\w*|liberat\w*|"
                     r"fell|handed over|withdr[ae]w\w*|advanc\w*|drove)\b",
}
#: "أسقطت المروحيات براميل متفجرة": bombs dropped, not an aircraft downed
_NOT_DROPPED = r"(?!\s+(?:\S+\s+){0,5}(?:ال)?(?:براميل|برميل|قنابل|قنبله|منشورات|حمولات|حموله|مساعدات))"
_AR = {
    "demo": r"(تظاهر|مظاهر|متظاهر|احتجاج|محتج|اعتصام|معتصم|مسيره احتجاجيه|مسيرات احتجاجيه|وقفه احتجاجيه|"
            r"مسيرات العوده|مسيره العوده|مسيرات كسر الحصار)",
    "crowd": r"(حشد|حشود|غوغاء|اهالي|الاهالي|سكان|جمهور|غاضبون|غاضبين)",
    "mob_act": r"(ضربوا|بضرب|ضربا مبرحا|سحل|احرقوه|احراقه|رجموا|رجمه|اعدموه)",
    "communal": r"(عشائر|عشيرتين|قبيلتين|قبائل|قبلي|عشائري|عائلتين)",
    "crude": r"(العصي|بالعصي|الحجاره|بالحجاره|الهراوات)",
    "firearm": r"(رصاص|اطلاق النار|اسلحه|سلاح|بنادق|النار)",
    "place": r"(?<!\w)[وفب]?(سيطر\w*|استولي\w*|استولوا|استولت|حرر|حررت|حرروا|تحرير|استعاد|استعادت|استعادوا|استرد\w*)\s+([^\s.،,]+\s+){0,10}"
             r"(مدينه|بلده|بلدات|قريه|قري|قاعده|مطار|معسكر|موقع|مواقع|حي|ناحيه|مركز|ميناء|جبل|تله|منطقه|مديريه)",
    "fight": r"(اشتباك|معارك|معركه|قتال|هجوم|اقتحام)",
    "peaceful": r"(دون قتال|دون مقاومه|بعد انسحاب|انسحبت منها|انسحب منها|تسلم|تسليم|اخلاها|اخلته)",
    "other": r"(اضراب مسلح|حظر تجول|حظر التجول|حظر التجوال|حظر تجوال)",
    "chemical": r"(كيماوي|كيميائي|كيمياوي|كيميائ|كلور|سارين|غاز سام|غازات سامه|الخردل|اعصاب|خانق)",
    "chemical_body": r"(منظمه\s+)?(حظر|مفتشي|مفتشو|خبراء|بعثه|تقصي|لجنه)\s+(ال)?(الاسلحه|اسلحه|السلاح)\s+(ال)?(كيماويه|كيميائيه|كيمياويه)",
    "lifted": r"(?<!\w)[وف]?(رفع|ترفع|يرفع|برفع|الغاء|الغت|الغي|انهاء|تخفيف)\s+(ال)?حظر",
    "storm": r"(?<!\w)[وف]?(اقتحم\w*|اقتحام|اجتاح\w*)",
    "killed": r"(?<!\w)[وف]?(قتل|قتلت|قتلوا|مقتل|مصرع|لقي حتفه|لقوا حتفهم|قتلى|قتيلا|قتيلين|جثث)(?!\w)",
    "raid": r"(?<!\w)[وفب]?(ال)?(مداهم\w*|داهم\w*|اشتباك\w*|اشتبك\w*|تبادل\w* (ل)?اطلاق النار|تبادل\w* النار)",
    "shootdown": r"(?<!\w)[وف]?(اسقاط(?:ه|ها|هما|هم)?|اسقط\w*|يسقط|تسقط|يسقطون|اعترض\w*|اعتراض(?:ه|ها|هما|هم)?)(?!\w)" + _NOT_DROPPED,
    "unhurt": r"(?<!\w)(?:دون|بدون|لم|ولم|لا)(?: \S+){0,4} (?:اي |ايه )?(?:اصابات|خسائر بشريه|ضحايا|اصابه|قتلي)(?!\w)",
    "intercept": r"(?<!\w)[وفب]?(اعترض\w*|اعتراض|تعترض|يعترض|اسقاط|اسقط\w*|تسقط|يسقط|تصد\w*|يتصدي|تتصدي)\s+(\S+\s+){0,3}?"
                 r"[ل]?(ال)?(صاروخ\w*|طائره مسيره|طائرات مسيره|مسيره|مسيرات|قذيف\w*|طائر\w* بدون طيار|درون|"
                 r"هجوم صاروخي|الهجوم الصاروخي)",
    "not_intercepted": r"(?<!\w)[و]?(لم|لن|لا)\s+(\S+\s+){0,2}(في )?(اعتراض|يسقط|تسقط|تعترض|يعترض)",
    "shell_exchange": r"(?<!\w)[وف]?تبادل\w*\s+(لل|ال)?(قصف|القذائف|قذائف)|(القصف|قصف) (ال)?متبادل",
    "air_phrase": r"(?<!\w)[وفبل]?(ال)?(ضرب\w*|غار\w*|قصف\w*)\s+(ال)?جوي\w*",
    "foiled_raid": r"(?<!\w)[وف]?(احبط\w*|صد\w*|افشل\w*)\s+(\S+\s+){0,2}(تسلل|هجوم\w*|اقتحام)",
    "strike_verb": r"(?<!\w)[وف]?(استهدف\w*|قصف\w*|دمر\w*|شن\w*|اغار\w*|غار[ةه]|غارات)(?!\w)",
    "exchange": r"(تبادل\w*(\s+\S+){0,2}\s+(ل)?اطلاق النار|تبادل\w* النار|اشتبا?ك\w*|اشتبك\w*|(رد|ردت|ردوا) بالمثل)",
    # the dead or the target are fighters: soldiers, policemen, militants, a military position
    "armed_victims": r"(?<!\w)[وف]?(قتل|مقتل|مصرع|استشهاد|اصابه|ارتقاء|قتلت|استهدف\w*|اعتدي علي)\s+(\S+\s+){0,3}?(\S+\s+من\s+)?"
                     r"[ل]?(ال)?(جندي|جنديا|جنديين|جنود|عسكري|عسكريين|عسكريا|مقاتل\w*|ضابط|ضباط|شرطي\w*|مسلح\w*|"
                     r"عناصر|عنصرا|موقع عسكري|مواقع عسكريه|مواقعنا العسكريه|نقطه عسكريه|ثكنه)(?!\w)"
                     r"|(?<!\w)(جنود|جنديا|جنديان|عسكريين|عسكريا|شرطيا|شرطيين|عناصر (ال)?امن|افراد (ال)?امن|رجال (ال)?امن|"
                     r"عناصر (ال)?شرطه|افراد (ال)?شرطه)\s+(\S+\s+){0,2}(قتلوا|قتل|لقوا حتفهم|لقي حتفه|استشهدوا|استشهد)(?!\w)",
    "confront": r"(?<!\w)[وف]?(ال)?(مواجه\w*|اشتباك\w*|اشتبك\w*|صدامات|اصطدام\w*)",
    "police_hurt": r"(في صفوف|من|بين)\s+(ال)?(الشرطه|قوات الامن|رجال الامن|عناصر الامن|افراد الامن|الامن|الشرطيين|رجال الشرطه)"
                   r"|(اصابه|اصيب|جرح)\s+(\S+\s+)?(من\s+)?(رجال|عناصر|افراد)\s+(الامن|الشرطه)",
    "riot_gear": r"(الغاز المسيل|قنابل الغاز|غاز مسيل|الرصاص المطاطي|الرصاص المعدني|خراطيم المياه|قنابل صوتيه|قنابل الصوت)",
    "aircraft": r"(?<!\w)[وفبل]?(ال)?(طائره|طائرات|طيران|مروحيه|مروحيات|مقاتلات|درون)(ه|ها|هم|نا)?(?!\w)",
    "crash": r"(تحطم|تحطمت|سقوط طائره|سقطت طائره|اسقاط|اسقطت|اسقطوا)(?!\w)" + _NOT_DROPPED,
    "artillery": r"(مدفع|هاون|صاروخ|صواريخ|راجم|دبابه|دبابات|كاتيوشا|قذائف|قذيفه|بوارج|بارجه|زوارق|مقذوف)",
    "control_state": r"(الذي|التي|الذين|اللذين|اللتين|يزال|تزال|زالت|زال|مازال|مازالت|الخاضعه|الخاضع)\s+(\S+\s+)?"
                     r"(يسيطر|تسيطر|يسيطرون|يسيطران|تسيطران|لسيطره|لسيطرته|لسيطرتها|تحت سيطره)",
    # "واستهدفت مقاتلات التحالف مواقع": aircraft, the subject of a strike verb
    "air_subject": r"(?<!\w)[وف]?(استهدفت|قصفت|شنت|اغارت|دمرت|ضربت)\s+(ال)?(طائرات|مقاتلات|طيران|مروحيات|طائره|مروحيه)"
                   r"(?!\s+(ال)?(مسيره|مسيرات|بدون|دون))"
                   r"|(?<!\w)[وف]?(ال)?(طائرات|مقاتلات|طيران|مروحيات)\s+(\S+\s+){0,3}?(استهدفت|قصفت|شنت|اغارت|دمرت)(?!\w)",
    # what an armed side fights with: armour, military vehicles
    "armour": r"(?<!\w)[وفبل]?(ال)?(مدرع\w*|دبابه|دبابات|دبابتين|اليه|اليات|عربه عسكريه|عربات عسكريه|عتاد)(?!\w)",
    # a detainee beaten or tortured
    "beaten": r"(?<!\w)[وف]?(ضربته|ضربوه|ضربها|ضربوها|عذبته|عذبوه|عذبوها|تعذيبه|تعذيبها|ضربا مبرحا|بالضرب)(?!\w)",
    # ordinary crime, whole words ("اعتقلت الشرطة عصابة لتهريب المخدرات")
    "crime": r"(?<!\w)[وفبل]?(ال)?(مخدرات|سرقه|سرقات|سطو|تهريب|مهربين|عصابه|عصابات|احتيال|نصب|تزوير|رشوه|لص|لصوص|"
             r"جنائي\w*|سارق\w*|اتجار|مروج\w*)(?!\w)",
    # "المواجهات تدور حاليا في منطقة حذران", "اندلعت اشتباكات عنيفة": a fight told as going on or breaking out
    "clash_told": r"(?<!\w)[وفب]?(ال)?(مواجهات|اشتباكات|معارك|قتال)\s+(\S+\s+)?(مستمره|تدور|دارت|اندلعت|تتواصل|متواصله|"
                  r"تجددت|استمرت|عنيف\w*|ضاري\w*)(?!\w)"
                  r"|(?<!\w)[وف]?(دارت|اندلعت|تجددت|تدور|تواصلت|اندلاع)\s+(\S+\s+)?(ال)?(مواجهات|اشتباكات|معارك)(?!\w)",
    # "اعتقلت السلطات السعودية الداعية": the state arrests someone named
    "state_arrest": r"(?<!\w)[وف]?(اعتقلت|اعتقل|القت القبض|القي القبض|اوقفت|احتجزت)\s+(\S+\s+)?(ال)?"
                    r"(السلطات|الشرطه|قوات الامن|الاجهزه الامنيه|المخابرات|جهاز الامن|الامن الوطني)(?!\w)"
                    r"|(?<!\w)[وف]?(ال)?(السلطات|الشرطه|قوات الامن|الاجهزه الامنيه)\s+(\S+\s+){0,2}?"
                    r"(اعتقلت|القت القبض|اوقفت|احتجزت)(?!\w)"
                    r"|(?<!\w)[وف]?القت\s+(ال)?(السلطات|الشرطه|قوات الامن|الاجهزه الامنيه)\s+(\S+\s+)?القبض(?!\w)",
    # "وفق اتفاقات سابقة": an agreement of the past, not this one
    "earlier_deal": r"(?<!\w)[وفبل]?(ال)?(اتفاق\w*|هدن\w*|تسوي\w*|صفق\w*)\s+(ال)?(سابق\w*|قديم\w*|ماضي\w*)",
    # "وكثيرا ما تنفذ تركيا ضربات": what is habitually done, no one event
    "habitual": r"(?<!\w)[وف]?(كثيرا|غالبا|عاده|دائما|طالما)\s+ما(?!\w)",
    "parade": r"(?<!\w)[وفبل]?(ال)?(عرض|استعراض)\s+(ال)?عسكري",
    "control_event": r"(?<!\w)[وف]?(سيطر|سيطرت|سيطروا|سيطرا|سيطرتا|استولى|استولت|استولوا|استعاد|استعادت|استعادوا|"
                     r"استعاده|استرد|استردت|استردوا|حرر|حررت|حرروا|تحرير|اجتاح|اجتاحت|اجتاحوا|سقطت|سقوط|طرد|طردت|"
                     r"طردوا|دحر|دحرت|بسط|بسطت|فرض|فرضت|تسلم|تسلمت|انسحب|انسحبت|انسحبوا|تقدم|تقدمت)(?!\w)",
}
#: "مسيرات" are marches as often as drones: these are marches
_MARCHES = re.compile(r"(?<!\w)[وفب]?(ال)?مسير(ات|ه|تي|تين)\s+(ال)?(العوده|عوده|كسر الحصار|سلميه|احتجاجيه|شعبيه|حاشده|"
                      r"غاضبه|جماهيريه|راجله|مؤيده|مندده|تضامنيه)")
_PATTERNS = {lang: {k: re.compile(v, re.I) for k, v in table.items()} for lang, table in (("en", _EN), ("ar", _AR))}


def patterns(lang: str) -> dict[str, re.Pattern]:
    """The codebook's word patterns for ``lang`` (English for a language without its own)."""
    return _PATTERNS.get(lang, _PATTERNS["en"])


def _family_keys(*event_types: str) -> list[str]:
    return [k for k, s in taxonomy().items() if s.event_type in event_types]


def refine(key: str, probs: dict[str, float], hits: set[str], text: str, lang: str,
           size_tag: bool = False, context: str = "") -> str:
    """The sub-event key after ACLED's codebook (see the module docstring). ``key`` is the
    classifier's decision ("none" or a sub-event key), ``probs`` its class probabilities,
    ``hits`` the sentence's lexicon keys, ``text`` its normalised text (marsad.text.fold),
    ``size_tag`` whether the document carries an ACLED ``[size=...]`` tag, ``context`` the
    normalised headline and neighbouring sentences: killing in a demonstration told there
    ("قتل فلسطيني قرب السياج" after "مسيرات العودة") is excessive force."""
    p = patterns(lang)
    has = {k: bool(rx.search(text)) for k, rx in p.items()}
    if "air_strike" in hits and _MARCHES.search(text) and not has["aircraft"] and not has["air_phrase"]:
        hits = hits - {"air_strike"}  # "مسيرات العودة": marches, not drones
    if key == "none" and has["air_subject"] and not has["crash"] and not has["shootdown"] and not has["habitual"] \
            and not hits & NOT_NEWS:
        return "air_strike"  # "واستهدفت مقاتلات التحالف العربي مواقع للمليشيا": aircraft striking, however told
    if key == "none" and lang == "ar" and has["clash_told"] and not has["demo"] and not has["habitual"] \
            and not has["crowd"] and not hits & (NOT_NEWS | {"neg_crime", "cue_protester"}):
        return "armed_clash"  # "وأوضح المصدر أن المواجهات مستمرة في عدد من مناطق أرحب بشكل عنيف"
    if key == "looting" and has["armour"] and (has["confront"] or "armed_clash" in hits) and not has["demo"] \
            and not has["aircraft"] and not has["crowd"]:
        return "armed_clash"  # "دمرت قبائل مدرعتين للحوثي في مواجهات اندلعت في منطقة بني مران": destroyed in the fight
    if key == "none" and lang == "ar" and has["state_arrest"] and not has["demo"] and not has["habitual"] \
            and not has["crime"] and not hits & (NOT_NEWS - {"neg_statistics"}):
        # (whole words of crime: the lexicon's "لص" is also the start of "لصالح"; a journalist's "تقرير" is no tally)
        if has["beaten"]:
            return "attack"  # "ألقت القبض عليه وضربته": a detainee beaten, violence against a civilian
        return "arrests"  # "اعتقلت السلطات السعودية الداعية البارز وثلاثة من أبنائه"
    if key == "agreement" and has["earlier_deal"]:
        return "none"  # "إدلب كانت وجهة مقاتلين آخرين وفق اتفاقات سابقة": a past agreement recalled
    if key != "none" and has["habitual"] and not has["killed"]:
        return "none"  # "وكثيرا ما تنفذ تركيا ضربات شمالي العراق": a habit, not one event
    if key in _family_keys("Protests", "Riots") and has["parade"] and not has["demo"]:
        # "أطلق مسلحون النار على عرض عسكري": a military parade attacked is no demonstration
        return refine(_next_best(probs, hits, exclude=_family_keys("Protests", "Riots")), probs, hits, text, lang,
                      size_tag, context)
    if key in ("none", "air_strike", "shelling") and has["intercept"] and not has["not_intercepted"] \
            and ("cue_kill" not in hits or has["unhurt"]):
        return "disrupted_weapons"  # "اعترضت قوات الدفاع الجوي صاروخا فوق الرياض": a missile intercepted
    if key == "attack" and "abduction" in hits and "cue_kill" not in hits:
        return "abduction"
    remote = [k for k in REMOTE if k in hits and not (k == "grenade" and has["riot_gear"])]
    if key == "attack" and remote:
        key = max(remote, key=lambda k: probs.get(k, 0.0))
        if key != "shelling" or not has["aircraft"] or has["artillery"] or has["crash"]:
            return key  # (a bombardment by aircraft is read below as an air strike)
    if key == "attack" and has["aircraft"] and not has["crash"]:
        return "air_strike"
    if key in ("attack", "armed_clash") and has["air_phrase"] and "armed_clash" not in hits and not has["crash"]:
        return "air_strike"  # "الضربة الجوية التي استهدفت مطار التيفور": told as an air strike
    if key == "armed_clash" and "air_strike" in hits and has["strike_verb"] and "armed_clash" not in hits \
            and not has["exchange"] and not has["confront"] and not has["artillery"]:
        return "air_strike"  # "واستهدفت الغارات مواقع للمليشيات": the strikes told, no fight
    if key == "armed_clash" and has["aircraft"] and has["strike_verb"] and "armed_clash" not in hits \
            and not has["crash"] and not has["artillery"]:
        return "air_strike"  # "استهدفت مقاتلات التحالف مواقع للميليشيات": aircraft striking, no fight told
    if key == "shelling" and has["aircraft"] and not has["artillery"] and not has["crash"]:
        return "air_strike"  # "قصف عنيف شنته طائرات التحالف": bombing from the air
    if key == "disrupted_weapons" and has["foiled_raid"]:
        return "armed_clash"  # "أحبطت محاولة تسلل للميليشيات": an attack fought off, not a weapons find
    if key == "grenade" and has["riot_gear"]:
        return _in_demonstration(probs, hits)  # "الرصاص المعدني وقنابل الصوت والغاز المسيل للدموع": riot control
    if key == "peaceful_protest" and has["riot_gear"]:
        return "protest_with_intervention"  # "تصدت الشرطة للاحتجاجات بالغاز المسيل للدموع"
    if key in ("air_strike", "shelling") and has["shootdown"] and ("cue_kill" not in hits or has["unhurt"]):
        return "disrupted_weapons"  # "تمكنت الدفاعات من اعتراضه وتدميره دون أية إصابات"
    if key == "looting" and has["aircraft"] and has["strike_verb"] and not has["crash"] and not has["demo"]:
        return "air_strike"  # "دمرت مقاتلات التحالف مخزن سلاح للميليشيات": destroyed from the air
    if key == "disrupted_weapons" and has["aircraft"] and has["strike_verb"] and not has["shootdown"] \
            and not has["crash"]:
        return "air_strike"  # "المقاتلات استهدفت مخزن أسلحة": aircraft striking a depot
    if key in TERRITORY and has["control_state"] and not has["control_event"]:
        return _next_best(probs, hits, exclude=TERRITORY)
    if key == "chemical_weapon" and not p["chemical"].search(p["chemical_body"].sub(" ", text)):
        # "منظمة حظر الأسلحة الكيماوية": the body's name, no chemical attack
        return _next_best(probs, hits, exclude=("chemical_weapon",))
    if key == "other" and has["lifted"]:
        return "none"  # "أعلنت السلطات رفع حظر التجوال": a curfew lifted is no event
    if has["other"] and key in ("peaceful_protest", "other"):
        return "other"
    if size_tag and key not in ("none", "other"):
        return _in_demonstration(probs, hits)
    if key in ("air_strike", "shelling") and has["demo"] and has["firearm"] and not has["aircraft"] \
            and not has["artillery"] and not has["air_phrase"]:
        # "قتل الجيش بالرصاص الحي أربعة فلسطينيين خلال مشاركتهم في مسيرات العودة": fire on the demonstrators
        return "excessive_force" if "cue_kill" in hits else _in_demonstration(probs, hits)
    if key in IN_DEMONSTRATION and ("cue_protester" in hits or has["demo"] or has["riot_gear"]):
        return IN_DEMONSTRATION[key]
    if (key == "attack" or key == "armed_clash" and "cue_armed" not in hits) and "cue_kill" in hits \
            and context and (p["demo"].search(context) or p["riot_gear"].search(context)) and not has["parade"]:
        return "excessive_force"  # "قتل فلسطيني قرب السياج" after "مسيرات العودة": killing in a demonstration
    if key == "grenade" and context and p["demo"].search(context) and (has["confront"] or has["police_hurt"]):
        # "أصيب 22 من قوات الأمن في الاشتباكات ... بقنابل يدوية" in a report on the protests: the riot's weapons
        return _in_demonstration(probs, hits)
    if key in ("peaceful_protest", "protest_with_intervention") and has["storm"]:
        return "violent_demonstration"  # "اقتحم مئات المحتجين مطار المدينة": demonstrators who storm a site
    if key == "shelling" and has["shell_exchange"]:
        return "armed_clash"  # "تبادلا للقصف المدفعي بين الحوثيين وقوات التحالف": both sides fire, a battle
    if key == "attack" and has["exchange"] and not has["demo"]:
        return "armed_clash"  # "تبادل لإطلاق النار مع مجموعة هاجمت نقطة أمنية": both sides fired
    if key == "attack" and has["armed_victims"] and "cue_civilian" not in hits and not has["demo"]:
        return "armed_clash"  # "قتل خلال إحباط الهجوم 8 من جنود الجيش": violence on fighters is a battle
    if key in ("peaceful_protest", "protest_with_intervention") and "violent_demonstration" in hits:
        return "violent_demonstration"
    if key in ("peaceful_protest", "protest_with_intervention") and has["confront"] and has["police_hurt"]:
        return "violent_demonstration"  # "مواجهات بين متظاهرين وقوات الشرطة ... 25 جريحا في صفوف الشرطة"
    if has["crowd"] and has["mob_act"] and not has["firearm"] and key in ("attack", "armed_clash", "looting"):
        return "mob_violence"
    if key == "armed_clash" and has["communal"] and has["crude"] and not has["firearm"]:
        return "mob_violence"
    if key == "arrests" and has["killed"] and has["raid"] and not has["demo"]:
        return "armed_clash"  # "مقتل ثلاثة إرهابيين واعتقال خمسة خلال مداهمة": a raid fought out, not arrests alone
    if key in ("arrests", "nonviolent_transfer") and has["place"] and has["fight"] and not has["peaceful"]:
        return "nsa_overtakes_territory"  # the actors decide government or not (assemble._retype)
    if key == "armed_clash" and has["place"] and not has["peaceful"] and not has["control_state"]:
        return "nsa_overtakes_territory"  # "حررت قوات الجيش ميناء حبل": the battle's outcome, taken territory
    if key in ("nsa_overtakes_territory", "gov_regains_territory") and has["peaceful"] and not has["fight"]:
        return "nonviolent_transfer"
    return key


def _in_demonstration(probs: dict[str, float], hits: set[str]) -> str:
    """The likeliest demonstration type (Protests, Riots), each other type's probability
    counted for its counterpart in a demonstration (an arrest for an intervention, ...)."""
    score = {k: probs.get(k, 0.0) for k in _family_keys("Protests", "Riots")}
    for k, v in IN_DEMONSTRATION.items():
        score[v] += probs.get(k, 0.0)
    if "violent_demonstration" in hits:
        return "violent_demonstration"
    return max(score, key=score.get)


def _next_best(probs: dict[str, float], hits: set[str], exclude) -> str:
    """The likeliest sub-event outside ``exclude`` that has its own trigger in the sentence,
    else "none"."""
    subs = taxonomy()
    rest = sorted(k for k in hits if k in subs and k not in exclude)
    return max(rest, key=lambda k: probs.get(k, 0.0)) if rest else "none"
