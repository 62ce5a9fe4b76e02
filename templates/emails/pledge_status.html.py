BBBB BBBBXXX gettext(u'Hello,') XXXX
BB BBBBBBBBBBBBB BB BBBBBBBBXXX gettext(u'%(store)s is a Partner for Protection in the %(network)s. Thank you for standing with the other jewelers of your area.') SSSSSSSSS SS S SSSSSSS SSS SSSSSSSSSS SS SSS SSSSSSSSSSSS SSSSS SSS SSS SSSSSSSS SSSS SSS SSSSS SSSSSSSS SS SSSS SSSSSXXXX
XXX gettext(u'Your verification code:')  XXXXXXXXXXXXXXXXXXXXX
 gettext(u'Anyone can check it here:')  XX XXXXXXXXXXXXXXXX
XXX gettext(u"From your store's page you can invite your team and open the partner toolkit.") XXXX
 gettext(u"Open your store's page") BBBBBBB BBBBBBBBBBBBBBBBBBBB BBBB BBBBBBBBBBBBB BBBBBBBBBBB
BBBB BBBBBBBBBBBBB BB BBBBBBBBBXXX gettext(u'We received the pledge of %(store)s in the %(network)s.') SS SSSSSSSS SSS SSSSSS SS SSSSSSSSS SS SSS SSSSSSSSSSSSXXXX
XXXBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB gettext(u"The network's coordinator reviews every new pledge. We will write again as soon as yours is approved.") BBBB gettext(u'Confirm your email address with the link we sent you, and your pledge becomes active.') BBBBBXXXX
XXX gettext(u"Your store's page:")  XX XXXXXXXXXXXXXXXX
BBBB BBBBBBBBBBBBB BB BBBBBBBBBBBXXX gettext(u"The network's coordinator has suspended the pledge of %(store)s.") SSS SSSSSSSSS SSSSSSSSSSS SSS SSSSSSSSS SSS SSSSSS SS SSSSSSSSSSXXXX
BB BBBBBBBBBBBBXXX gettext(u'Reason:')  XXXXBBBBB
XXX gettext(u"Talk to the coordinator to have it reinstated. Your store's page:")  XX XXXXXXXXXXXXXXXX
BBBB BBBBBBBBBBBBB BB BBBBBBBBB BBB BBBBBBBBBB BB BBBBBBBBBBXXX gettext(u'The coordinator of the %(network)s has declined the pledge of %(store)s.') SSS SSSSSSSSSSS SS SSS SSSSSSSSSSS SSS SSSSSSSS SSS SSSSSS SS SSSSSSSSSSXXXX
BB BBBBBBBBBBBBXXX gettext(u'Reason:')  XXXXBBBBB
XXX gettext(u'If something in the pledge can be put right, talk to the coordinator: you can take the pledge again.') XXXX
BBBB BBBBBBBBBBBBB BB BBBBBBBBBXXX gettext(u"The network's coordinator has revoked the pledge of %(store)s. Its verification code no longer shows it as a partner.") SSS SSSSSSSSS SSSSSSSSSSS SSS SSSSSSS SSS SSSSSS SS SSSSSSSSSS SSS SSSSSSSSSSSS SSSS SS SSSSSS SSSSS SS SS S SSSSSSSSXXXX
BB BBBBBBBBBBBBXXX gettext(u'Reason:')  XXXXBBBBB
BBBB BBBBBBBBBBBBB BB BBBBBBBBBBBXXX gettext(u"The pledge of %(store)s is withdrawn. Your team no longer has access to the network's pages. Incidents already shared stay with the network.") SSS SSSSSS SS SSSSSSSSS SS SSSSSSSSSS SSSS SSSS SS SSSSSS SSS SSSSSS SS SSS SSSSSSSSS SSSSSS SSSSSSSSS SSSSSSS SSSSSS SSSS SSSS SSS SSSSSSSSXXXX
XXX gettext(u'You can take the pledge again at any time.') XXXX
BBBBB
