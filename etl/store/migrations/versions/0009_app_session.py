"""app_session: sign-ins that survive a reload, revocable (issue 17)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('app_session',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('stamp', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_app_session_user_id_app_user')),
    sa.PrimaryKeyConstraint('token_hash', name=op.f('pk_app_session'))
    )
    with op.batch_alter_table('app_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_app_session_user_id'), ['user_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('app_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_app_session_user_id'))
    op.drop_table('app_session')
